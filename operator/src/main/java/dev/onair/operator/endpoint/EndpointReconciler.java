package dev.onair.operator.endpoint;

import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointStatus;
import dev.onair.api.v1alpha1.EndpointUse;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.operator.audit.AuditTrail;
import dev.onair.operator.common.Conditions;
import dev.onair.operator.common.ConsentedObjects;
import dev.onair.operator.common.References;
import dev.onair.operator.common.StatusWriter;
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
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Says whether an Endpoint can be sent to (and why not, naming the field), and which Restreams send
 * to it now. Watches the stream-key and SRT passphrase Secrets, so creating or fixing one later
 * makes the Endpoint Ready without touching the Endpoint.
 */
@ControllerConfiguration(name = "endpoint")
public class EndpointReconciler implements Reconciler<Endpoint>, Cleaner<Endpoint> {
  static final String SECRET_INDEX = "endpoint-secrets";
  static final String CONFIGMAP_INDEX = "endpoint-configmaps";
  static final String USED_BY_INDEX = "endpoint-used-by";
  private final MeterRegistry meters;
  private final AuditTrail audit;
  private final ConsentedObjects consented;

  public EndpointReconciler(MeterRegistry meters, AuditTrail audit, ConsentedObjects consented) {
    this.meters = meters;
    this.audit = audit;
    this.consented = consented;
  }

  @Override
  public List<EventSource<?, Endpoint>> prepareEventSources(EventSourceContext<Endpoint> context) {
    var cache = context.getPrimaryCache();
    cache.addIndexer(
        USED_BY_INDEX,
        e ->
            e.getStatus() == null || e.getStatus().usedBy == null
                ? List.of()
                : e.getStatus().usedBy.stream()
                    .map(u -> References.key(e.getMetadata().getNamespace(), u.restream))
                    .toList());
    // A Restream event concerns the Endpoints it sends to now and those whose usedBy still names
    // it: an output it dropped, all of them when it stops or is deleted. The stored usedBy stands
    // for the old object, so this holds across operator restarts too.
    var restreams =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Restream.class, Endpoint.class)
                .withSecondaryToPrimaryMapper((Restream r) -> endpointsConcerned(cache, r))
                .withPrimaryToSecondaryMapper((Endpoint e) -> Set.<ResourceID>of())
                .build(),
            context);
    return List.of(
        References.watch(
            context,
            consented,
            CONFIGMAP_INDEX,
            e -> List.of(),
            SECRET_INDEX,
            e ->
                EndpointValidator.secretNames(e).stream()
                    .map(n -> References.key(e.getMetadata().getNamespace(), n))
                    .toList()),
        restreams);
  }

  @Override
  @SuppressWarnings("unchecked")
  public UpdateControl<Endpoint> reconcile(Endpoint endpoint, Context<Endpoint> context) {
    return meters
        .timer("onair.reconcile", "kind", "Endpoint")
        .record(
            () -> {
              String ns = endpoint.getMetadata().getNamespace();
              var restreams =
                  (InformerEventSource<Restream, Endpoint>)
                      context.eventSourceRetriever().getEventSourceFor(Restream.class);
              var result = EndpointValidator.validate(endpoint, consented.keyedData(ns));

              EndpointStatus s = new EndpointStatus();
              s.observedGeneration = endpoint.getMetadata().getGeneration();
              Conditions conditions =
                  new Conditions(
                      endpoint.getStatus() == null ? null : endpoint.getStatus().conditions,
                      s.observedGeneration);
              if (result.usable()) {
                s.phase = "Ready";
                s.message =
                    "usable: " + endpoint.getSpec().platform + " at " + endpoint.getSpec().url;
                conditions.set("Ready", true, "Valid", s.message);
              } else {
                s.phase = "Invalid";
                s.message = result.problem().message();
                conditions.set("Ready", false, result.problem().reason(), s.message);
              }
              s.conditions = conditions.build();
              String name = endpoint.getMetadata().getName();
              s.usedBy =
                  restreams
                      .list(ns)
                      .filter(r -> r.getStatus() != null)
                      .flatMap(
                          r ->
                              r.getStatus().outputStatuses.stream()
                                  .filter(o -> name.equals(o.endpoint))
                                  .map(o -> new EndpointUse(r.getMetadata().getName(), o.state)))
                      .sorted(Comparator.comparing(u -> u.restream))
                      .toList();
              audit.observe(endpoint, endpoint.getStatus(), s);
              StatusWriter.write(endpoint, s, context);
              return UpdateControl.<Endpoint>noUpdate();
            });
  }

  private static Set<ResourceID> endpointsConcerned(
      IndexerResourceCache<Endpoint> cache, Restream r) {
    String ns = r.getMetadata().getNamespace();
    Set<ResourceID> ids = new HashSet<>();
    if (r.getStatus() != null) {
      r.getStatus().outputStatuses.forEach(o -> ids.add(new ResourceID(o.endpoint, ns)));
    }
    cache
        .byIndex(USED_BY_INDEX, References.key(ns, r.getMetadata().getName()))
        .forEach(e -> ids.add(ResourceID.fromResource(e)));
    return ids;
  }

  @Override
  public DeleteControl cleanup(Endpoint endpoint, Context<Endpoint> context) {
    audit.deleted(endpoint);
    return DeleteControl.defaultDelete();
  }
}
