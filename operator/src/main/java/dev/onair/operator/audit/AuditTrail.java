package dev.onair.operator.audit;

import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointStatus;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamStatus;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * What reconcilers call to record transitions. Each call compares the status before and after a
 * reconcile, turns every transition into a Kubernetes Event (the durable outbox) and queues it for
 * PostgreSQL. It never throws and never waits for PostgreSQL: audit never affects a stream.
 */
public class AuditTrail {
  private static final Logger LOG = Logger.getLogger(AuditTrail.class);

  private final EventOutbox outbox;
  private final AuditWriter writer;
  private final boolean enabled;
  private final Clock clock;

  public AuditTrail(EventOutbox outbox, AuditWriter writer, boolean enabled, Clock clock) {
    this.outbox = outbox;
    this.writer = writer;
    this.enabled = enabled;
    this.clock = clock;
  }

  /** Call before writing a LiveStream's new status; {@code before} is the stored one (or null). */
  public void observe(LiveStream ls, LiveStreamStatus before, LiveStreamStatus after) {
    record(
        ls,
        () ->
            after == null
                ? List.of()
                : LiveStreamTransitions.between(ls, before, after, clock.instant()));
  }

  /** Call before writing a Restream's new status; {@code before} is the stored one (or null). */
  public void observe(Restream rs, RestreamStatus before, RestreamStatus after) {
    record(
        rs,
        () ->
            after == null
                ? List.of()
                : RestreamTransitions.between(rs, before, after, clock.instant()));
  }

  /** Call before writing an Endpoint's new status; {@code before} is the stored one (or null). */
  public void observe(Endpoint ep, EndpointStatus before, EndpointStatus after) {
    record(
        ep,
        () ->
            after == null
                ? List.of()
                : EndpointTransitions.between(ep, before, after, clock.instant()));
  }

  /**
   * Call from {@code cleanup}: ends the open sessions (stopped by deletion) and records Deleted.
   * Takes a LiveStream, Restream or Endpoint with the status it had.
   */
  public void deleted(HasMetadata resource) {
    record(
        resource,
        () -> {
          if (resource instanceof LiveStream ls) {
            return LiveStreamTransitions.deleted(ls, clock.instant());
          } else if (resource instanceof Restream rs) {
            return RestreamTransitions.deleted(rs, clock.instant());
          } else if (resource instanceof Endpoint ep) {
            return EndpointTransitions.deleted(ep, clock.instant());
          }
          Recorder r = new Recorder(resource, clock.instant());
          Lifecycle.deleted(r, resource);
          return r.records();
        });
  }

  private void record(HasMetadata resource, Supplier<List<AuditRecord>> transitions) {
    if (!enabled || resource == null) {
      return;
    }
    try {
      List<AuditRecord> records = transitions.get();
      if (records.isEmpty()) {
        return;
      }
      records.forEach(r -> outbox.publish(resource, r));
      writer.submit(records);
    } catch (RuntimeException e) {
      LOG.warnf(
          e,
          "audit: could not record a transition of %s %s/%s",
          resource.getKind(),
          resource.getMetadata().getNamespace(),
          resource.getMetadata().getName());
    }
  }
}
