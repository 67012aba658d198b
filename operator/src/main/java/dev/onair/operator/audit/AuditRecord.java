package dev.onair.operator.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;

/**
 * One transition of a LiveStream, Restream or Endpoint, as it becomes a Kubernetes Event and a row.
 * {@code eventId} is deterministic: the same transition observed twice has the same id.
 */
public record AuditRecord(
    String eventId,
    Instant occurredAt,
    int ordinal,
    String namespace,
    String kind,
    String name,
    String uid,
    String reason,
    boolean warning,
    String message,
    String actor,
    String phase,
    String output,
    Session session) {

  /** The stream session a record opens or closes; {@code endedAt} is null when it opens one. */
  public record Session(String id, Instant startedAt, Instant endedAt, String endReason) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The JSON carried by the record's Kubernetes Event, from which a restart replays it. */
  String toJson() {
    try {
      return JSON.writeValueAsString(Wire.of(this));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static AuditRecord fromJson(String json) {
    try {
      return JSON.readValue(json, Wire.class).toRecord();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an audit record", e);
    }
  }

  /** Plain-string form, so the format does not depend on an ObjectMapper's time settings. */
  record Wire(
      int v,
      String eventId,
      String occurredAt,
      int ordinal,
      String namespace,
      String kind,
      String name,
      String uid,
      String reason,
      boolean warning,
      String message,
      String actor,
      String phase,
      String output,
      String sessionId,
      String sessionStartedAt,
      String sessionEndedAt,
      String sessionEndReason) {

    static Wire of(AuditRecord r) {
      Session s = r.session();
      return new Wire(
          1,
          r.eventId(),
          r.occurredAt().toString(),
          r.ordinal(),
          r.namespace(),
          r.kind(),
          r.name(),
          r.uid(),
          r.reason(),
          r.warning(),
          r.message(),
          r.actor(),
          r.phase(),
          r.output(),
          s == null ? null : s.id(),
          s == null ? null : s.startedAt().toString(),
          s == null || s.endedAt() == null ? null : s.endedAt().toString(),
          s == null ? null : s.endReason());
    }

    AuditRecord toRecord() {
      Session s =
          sessionId == null
              ? null
              : new Session(
                  sessionId,
                  Instant.parse(sessionStartedAt),
                  sessionEndedAt == null ? null : Instant.parse(sessionEndedAt),
                  sessionEndReason);
      return new AuditRecord(
          eventId,
          Instant.parse(occurredAt),
          ordinal,
          namespace,
          kind,
          name,
          uid,
          reason,
          warning,
          message,
          actor,
          phase,
          output,
          s);
    }
  }
}
