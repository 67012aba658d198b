package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.operator.OnAirConfig;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Creates the encoder Service and, for a push source published outside the cluster, the ingest
 * Service; replaces them when their ports or type must change and deletes an ingest Service that is
 * no longer wanted.
 */
final class EncoderServiceReconciler {
  private EncoderServiceReconciler() {}

  static void ensure(LiveStream ls, Context<LiveStream> context, OnAirConfig config) {
    Set<Service> existing = context.getSecondaryResources(Service.class);
    ensure(
        context,
        named(existing, EncoderServiceDependent.name(ls)),
        EncoderServiceDependent.desired(ls, config));
    Optional<Service> ingest = named(existing, EncoderServiceDependent.ingestName(ls));
    Optional<Service> wanted = EncoderServiceDependent.desiredIngest(ls);
    if (wanted.isPresent()) {
      ensure(context, ingest, wanted.get());
    } else {
      ingest.ifPresent(s -> context.getClient().resource(s).delete());
    }
  }

  private static void ensure(
      Context<LiveStream> context, Optional<Service> actual, Service desired) {
    if (actual.isEmpty()) {
      context.getClient().resource(desired).create();
    } else if (!EncoderServiceDependent.matches(actual.get(), desired)) {
      Service updated = actual.get();
      updated.getSpec().setType(desired.getSpec().getType());
      updated.getSpec().setSelector(desired.getSpec().getSelector());
      updated.getSpec().setPorts(desired.getSpec().getPorts());
      context.getClient().resource(updated).update();
    }
  }

  private static Optional<Service> named(Set<Service> services, String name) {
    return services.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst();
  }
}
