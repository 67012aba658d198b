package dev.onair.operator.audit;

import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What happened to an Endpoint between two statuses: usable (Ready) or not (Invalid) and why. */
final class EndpointTransitions {
  private EndpointTransitions() {}

  static List<AuditRecord> between(
      Endpoint ep, EndpointStatus before, EndpointStatus after, Instant now) {
    Recorder r = new Recorder(ep, now);
    Lifecycle.createdOrChanged(
        r, ep, before == null, before == null ? null : before.observedGeneration);
    String was = before == null ? null : before.phase;
    if (after.phase != null && !Objects.equals(after.phase, was)) {
      boolean ready = "Ready".equals(after.phase);
      r.add(
          r.version() + "/" + after.phase,
          ready ? "Ready" : after.phase,
          !ready,
          after.message,
          null,
          after.phase,
          null,
          null);
    }
    return r.records();
  }

  static List<AuditRecord> deleted(Endpoint ep, Instant now) {
    Recorder r = new Recorder(ep, now);
    Lifecycle.deleted(r, ep);
    return r.records();
  }
}
