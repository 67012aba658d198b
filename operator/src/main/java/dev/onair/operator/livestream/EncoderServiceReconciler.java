package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.operator.OnAirConfig;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/** Creates the encoder Service, or replaces it when its ports or type must change. */
final class EncoderServiceReconciler {
  private EncoderServiceReconciler() {}

  static void ensure(LiveStream ls, Context<LiveStream> context, OnAirConfig config) {
    Service desired = EncoderServiceDependent.desired(ls, config);
    var actual = context.getSecondaryResource(Service.class);
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
}
