package dev.onair.operator.restream;

import dev.onair.api.v1alpha1.DesiredState;
import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.ObjectRef;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamPhase;
import dev.onair.api.v1alpha1.RestreamStatus;
import dev.onair.contract.RelayStatusDocument;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.audit.AuditTrail;
import dev.onair.operator.common.ConsentedObjects;
import dev.onair.operator.common.ConsentedObjectsEventSource;
import dev.onair.operator.common.KeyedData;
import dev.onair.operator.common.Labels;
import dev.onair.operator.common.References;
import dev.onair.operator.common.StatusWriter;
import dev.onair.operator.endpoint.EndpointValidator;
import dev.onair.operator.livestream.EncoderServiceDependent;
import dev.onair.operator.metrics.StateMetrics;
import dev.onair.operator.telemetry.Pollers;
import dev.onair.operator.telemetry.TelemetryEventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Sends a LiveStream to its Endpoints through relay pods, and reports every output's state. */
@ControllerConfiguration(name = "restream")
public class RestreamReconciler implements Reconciler<Restream>, Cleaner<Restream> {
  static final String LIVESTREAM_INDEX = "restream-livestream";
  static final String ENDPOINT_INDEX = "restream-endpoints";
  static final String SELECTOR_INDEX = "restream-selector";

  /** LiveStream phases in which relays may start: the encoder is producing a stream. */
  static final Set<LiveStreamPhase> ON_AIR =
      EnumSet.of(LiveStreamPhase.Live, LiveStreamPhase.SourceLost);

  /** LiveStream phases that end relays: nothing will be produced until the spec changes. */
  static final Set<LiveStreamPhase> OFF_AIR =
      EnumSet.of(
          LiveStreamPhase.Stopped,
          LiveStreamPhase.Completed,
          LiveStreamPhase.Failed,
          LiveStreamPhase.Scheduled);

  private final OnAirConfig config;
  private final Pollers pollers;
  private final RelayFleet fleet;
  private final MeterRegistry meters;
  private final AuditTrail audit;
  private final StateMetrics metrics;
  private final Clock clock = Clock.systemUTC();
  private final ConsentedObjects consented;

  public RestreamReconciler(
      OnAirConfig config,
      Pollers pollers,
      MeterRegistry meters,
      AuditTrail audit,
      StateMetrics metrics,
      ConsentedObjects consented) {
    this.consented = consented;
    this.audit = audit;
    this.metrics = metrics;
    this.config = config;
    this.pollers = pollers;
    this.meters = meters;
    this.fleet = new RelayFleet(config, pollers.relays());
  }

  @Override
  public List<EventSource<?, Restream>> prepareEventSources(EventSourceContext<Restream> context) {
    var cache = context.getPrimaryCache();
    cache.addIndexer(
        LIVESTREAM_INDEX,
        r ->
            r.getSpec() == null || r.getSpec().liveStreamRef == null
                ? List.of()
                : List.of(
                    References.key(
                        r.getMetadata().getNamespace(), r.getSpec().liveStreamRef.name)));
    cache.addIndexer(ENDPOINT_INDEX, RestreamReconciler::endpointKeys);
    cache.addIndexer(
        SELECTOR_INDEX,
        r ->
            r.getSpec() != null && r.getSpec().endpointSelector != null
                ? List.of(r.getMetadata().getNamespace())
                : List.of());

    var relayPods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, Restream.class)
                .withLabelSelector(
                    Labels.MANAGED_SELECTOR
                        + ","
                        + Labels.COMPONENT
                        + "="
                        + RelayPodDependent.COMPONENT)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Restream.class))
                .build(),
            context);
    var liveStreams =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(LiveStream.class, Restream.class)
                .withSecondaryToPrimaryMapper(
                    (LiveStream ls) ->
                        ids(
                            cache.byIndex(
                                LIVESTREAM_INDEX,
                                References.key(
                                    ls.getMetadata().getNamespace(), ls.getMetadata().getName()))))
                .withPrimaryToSecondaryMapper((Restream r) -> Set.<ResourceID>of())
                .build(),
            context);
    var endpoints =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Endpoint.class, Restream.class)
                .withSecondaryToPrimaryMapper((Endpoint e) -> restreamsUsing(context, e))
                .withPrimaryToSecondaryMapper((Restream r) -> Set.<ResourceID>of())
                .build(),
            context);
    // A consented Secret changing reaches the Restreams whose Endpoints name it as stream key or
    // SRT passphrase.
    var secrets =
        new ConsentedObjectsEventSource<Restream>(
            "restream-secrets",
            consented,
            object ->
                object instanceof Secret
                    ? endpoints
                        .list(object.getMetadata().getNamespace())
                        .filter(
                            e ->
                                EndpointValidator.secretNames(e)
                                    .contains(object.getMetadata().getName()))
                        .flatMap(e -> restreamsUsing(context, e).stream())
                        .collect(Collectors.toSet())
                    : Set.of());
    return List.of(
        relayPods,
        liveStreams,
        endpoints,
        secrets,
        new TelemetryEventSource<>("relay-telemetry", RelayStatusDocument.class, pollers.relays()));
  }

  @Override
  public UpdateControl<Restream> reconcile(Restream restream, Context<Restream> context) {
    return meters
        .timer("onair.reconcile", "kind", "Restream")
        .record(() -> reconcileTimed(restream, context));
  }

  @SuppressWarnings("unchecked")
  private UpdateControl<Restream> reconcileTimed(Restream restream, Context<Restream> context) {
    String ns = restream.getMetadata().getNamespace();
    Set<Pod> relays = context.getSecondaryResources(Pod.class);
    var retriever = context.eventSourceRetriever();
    var liveStreams =
        (InformerEventSource<LiveStream, Restream>) retriever.getEventSourceFor(LiveStream.class);
    var endpoints =
        (InformerEventSource<Endpoint, Restream>) retriever.getEventSourceFor(Endpoint.class);

    if (restream.getSpec().state == DesiredState.Stopped) {
      return idle(
          restream,
          relays,
          context,
          RestreamPhase.Stopped,
          "StoppedBySpec",
          "stopped (spec.state is Stopped)",
          List.of());
    }
    ObjectRef ref = restream.getSpec().liveStreamRef;
    if (ref.namespace != null && !ref.namespace.equals(ns)) {
      return idle(
          restream,
          relays,
          context,
          RestreamPhase.Failed,
          "CrossNamespaceReference",
          "spec.liveStreamRef.namespace: LiveStreams in other namespaces are refused ("
              + ref.namespace
              + ")",
          List.of());
    }
    KeyedData keys = consented.keyedData(ns);
    ResolvedEndpoints resolved =
        EndpointResolver.resolve(
            restream, n -> endpoints.get(new ResourceID(n, ns)), endpoints.list(ns).toList(), keys);
    if (resolved.usable().isEmpty()) {
      return idle(
          restream,
          relays,
          context,
          RestreamPhase.Failed,
          "NoUsableEndpoints",
          "no endpoint can be sent to: " + String.join("; ", resolved.skipped()),
          resolved.skipped());
    }
    Optional<LiveStream> ls = liveStreams.get(new ResourceID(ref.name, ns));
    LiveStreamPhase phase =
        ls.map(l -> l.getStatus() == null ? null : l.getStatus().phase).orElse(null);
    boolean hasRelays =
        relays.stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() == null);
    // Relays start only once the stream is on air, and survive a restarting encoder so outputs stay
    // connected; they end when the stream is stopped, completed, failed or gone.
    boolean send =
        ls.isPresent()
            && (ON_AIR.contains(phase) || hasRelays && phase != null && !OFF_AIR.contains(phase));
    if (!send) {
      String why =
          ls.isEmpty()
              ? "LiveStream " + ref.name + " not found"
              : "waiting for LiveStream "
                  + ref.name
                  + " to go on air (it is "
                  + (phase == null ? "Pending" : phase)
                  + ")";
      return idle(
          restream,
          relays,
          context,
          RestreamPhase.Waiting,
          // Off air on purpose (stopped, scheduled, completed): waiting is expected, and GitOps
          // tools should show the Restream suspended rather than progressing forever.
          OFF_AIR.contains(phase) && phase != LiveStreamPhase.Failed
              ? "LiveStreamOffAir"
              : "WaitingForLiveStream",
          why,
          resolved.skipped());
    }
    RelayRun run = RelayRun.from(restream.getStatus());
    Instant now = Instant.now(clock);
    var result =
        fleet.apply(
            restream,
            relays,
            resolved.usable(),
            EncoderServiceDependent.streamUrl(ls.get(), config),
            run,
            now,
            context);
    var readings = pollers.relays().readings(ResourceID.fromResource(restream));
    RestreamStatus status =
        RestreamStatusFactory.sending(
            restream,
            resolved.usable(),
            result.podOfEndpoint(),
            readings,
            resolved.skipped(),
            result.run(),
            config.restarts().healthyAfter(),
            now);
    record(restream, status, context);
    UpdateControl<Restream> control = UpdateControl.noUpdate();
    return result.recheckIn() == null ? control : control.rescheduleAfter(result.recheckIn());
  }

  private UpdateControl<Restream> idle(
      Restream restream,
      Set<Pod> relays,
      Context<Restream> context,
      RestreamPhase phase,
      String reason,
      String message,
      List<String> skipped) {
    fleet.stop(restream, relays, context.getClient());
    record(
        restream, RestreamStatusFactory.idle(restream, phase, reason, message, skipped), context);
    return UpdateControl.noUpdate();
  }

  @Override
  public DeleteControl cleanup(Restream restream, Context<Restream> context) {
    fleet.stop(restream, context.getSecondaryResources(Pod.class), context.getClient());
    audit.deleted(restream);
    metrics.restream(restream, null, Map.of());
    return DeleteControl.defaultDelete();
  }

  /** Audits the transition, updates the metrics, then writes the status if it changed. */
  private void record(Restream restream, RestreamStatus status, Context<Restream> context) {
    audit.observe(restream, restream.getStatus(), status);
    metrics.restream(
        restream,
        status.phase,
        status.outputStatuses.stream()
            .collect(Collectors.toMap(o -> o.endpoint, o -> o.state, (a, b) -> b)));
    StatusWriter.write(restream, status, context);
  }

  private static List<String> endpointKeys(Restream r) {
    if (r.getSpec() == null || r.getSpec().endpointRefs == null) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (ObjectRef ref : r.getSpec().endpointRefs) {
      keys.add(References.key(r.getMetadata().getNamespace(), ref.name));
    }
    return keys;
  }

  private static Set<ResourceID> restreamsUsing(EventSourceContext<Restream> context, Endpoint e) {
    String ns = e.getMetadata().getNamespace();
    Set<ResourceID> ids =
        new HashSet<>(
            ids(
                context
                    .getPrimaryCache()
                    .byIndex(ENDPOINT_INDEX, References.key(ns, e.getMetadata().getName()))));
    ids.addAll(ids(context.getPrimaryCache().byIndex(SELECTOR_INDEX, ns)));
    return ids;
  }

  private static Set<ResourceID> ids(List<Restream> restreams) {
    return restreams.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
  }
}
