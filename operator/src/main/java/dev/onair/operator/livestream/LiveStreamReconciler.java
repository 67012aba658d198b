package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.ImageRef;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.audit.AuditTrail;
import dev.onair.operator.common.ConsentedObjects;
import dev.onair.operator.common.Labels;
import dev.onair.operator.common.References;
import dev.onair.operator.common.StatusWriter;
import dev.onair.operator.metrics.StateMetrics;
import dev.onair.operator.telemetry.EncoderReading;
import dev.onair.operator.telemetry.Pollers;
import dev.onair.operator.telemetry.TelemetryEventSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns a LiveStream into one encoder pod and a Service, and writes back what really happens. */
@ControllerConfiguration(name = "livestream")
public class LiveStreamReconciler implements Reconciler<LiveStream>, Cleaner<LiveStream> {
  static final String CONFIGMAP_INDEX = "livestream-configmaps";
  static final String SECRET_INDEX = "livestream-secrets";

  private final OnAirConfig config;
  private final Pollers pollers;
  private final EncoderLifecycle lifecycle;
  private final MeterRegistry meters;
  private final AuditTrail audit;
  private final StateMetrics metrics;
  private final ConsentedObjects consented;

  public LiveStreamReconciler(
      OnAirConfig config,
      Pollers pollers,
      MeterRegistry meters,
      AuditTrail audit,
      StateMetrics metrics,
      ConsentedObjects consented) {
    this.metrics = metrics;
    this.consented = consented;
    this.config = config;
    this.pollers = pollers;
    this.meters = meters;
    this.audit = audit;
    this.lifecycle = new EncoderLifecycle(config, pollers.encoders(), Clock.systemUTC());
  }

  @Override
  public List<EventSource<?, LiveStream>> prepareEventSources(
      EventSourceContext<LiveStream> context) {
    String selector =
        Labels.MANAGED_SELECTOR + "," + Labels.COMPONENT + "=" + EncoderPodDependent.COMPONENT;
    return List.of(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, LiveStream.class)
                .withLabelSelector(selector)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(LiveStream.class))
                .build(),
            context),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Service.class, LiveStream.class)
                .withLabelSelector(selector)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(LiveStream.class))
                .build(),
            context),
        References.watch(
            context,
            consented,
            CONFIGMAP_INDEX,
            ls -> referenced(ls, true),
            SECRET_INDEX,
            ls -> referenced(ls, false)),
        new TelemetryEventSource<>("encoder-telemetry", EncoderReading.class, pollers.encoders()));
  }

  @Override
  public UpdateControl<LiveStream> reconcile(LiveStream ls, Context<LiveStream> context) {
    return meters
        .timer("onair.reconcile", "kind", "LiveStream")
        .record(() -> reconcileTimed(ls, context));
  }

  private UpdateControl<LiveStream> reconcileTimed(LiveStream ls, Context<LiveStream> context) {
    String namespace = ls.getMetadata().getNamespace();
    var validation = LiveStreamValidator.validate(ls.getSpec(), consented.keyedData(namespace));
    if (LiveStreamValidator.validateSpec(ls.getSpec()).isEmpty()) {
      EncoderServiceReconciler.ensure(ls, context, config);
    }
    Outcome outcome =
        lifecycle.reconcile(ls, context.getSecondaryResources(Pod.class), validation, context);
    EncoderReading reading =
        outcome.pod() == null
            ? null
            : pollers
                .encoders()
                .readings(ResourceID.fromResource(ls))
                .get(outcome.pod().getMetadata().getName());
    String profile = ls.getSpec().source == null ? null : EncoderSettings.of(ls.getSpec()).label();
    var status =
        LiveStreamStatusFactory.build(
            ls,
            outcome,
            validation,
            profile,
            EncoderServiceDependent.streamUrl(ls, config),
            reading);
    audit.observe(ls, ls.getStatus(), status);
    metrics.liveStream(ls, status.phase);
    StatusWriter.write(ls, status, context);
    UpdateControl<LiveStream> control = UpdateControl.noUpdate();
    return outcome.recheckIn() == null ? control : control.rescheduleAfter(outcome.recheckIn());
  }

  @Override
  public DeleteControl cleanup(LiveStream ls, Context<LiveStream> context) {
    // Owner references let Kubernetes collect the pod too; deleting it here ends the broadcast at
    // once instead of whenever the garbage collector gets to it.
    context.getSecondaryResources(Pod.class).forEach(p -> context.getClient().resource(p).delete());
    pollers.encoders().forget(ResourceID.fromResource(ls));
    audit.deleted(ls);
    metrics.liveStream(ls, null);
    return DeleteControl.defaultDelete();
  }

  /** Keys of the ConfigMaps (or Secrets) a LiveStream references, for the reference index. */
  static List<String> referenced(LiveStream ls, boolean configMaps) {
    LiveStreamSpec spec = ls.getSpec();
    if (spec == null) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    Stream.of(
            spec.overlay == null ? null : spec.overlay.image,
            spec.slate == null ? null : spec.slate.image)
        .filter(i -> i != null)
        .forEach(
            (ImageRef image) -> {
              var ref = configMaps ? image.configMapKeyRef : image.secretKeyRef;
              if (ref != null && ref.name != null) {
                keys.add(References.key(ls.getMetadata().getNamespace(), ref.name));
              }
            });
    KeyRef passphrase = spec.source == null ? null : LiveStreamValidator.passphraseRef(spec.source);
    if (!configMaps && passphrase != null && passphrase.name != null) {
      keys.add(References.key(ls.getMetadata().getNamespace(), passphrase.name));
    }
    return keys;
  }
}
