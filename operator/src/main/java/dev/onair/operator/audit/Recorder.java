package dev.onair.operator.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Collects the records of one observation of one resource, numbered in the order they happen. */
final class Recorder {
  private final HasMetadata resource;
  private final Instant now;
  private final List<AuditRecord> records = new ArrayList<>();

  Recorder(HasMetadata resource, Instant now) {
    this.resource = resource;
    // PostgreSQL keeps microseconds: a replayed record must compare equal to the stored one.
    this.now = now.truncatedTo(ChronoUnit.MICROS);
  }

  Instant now() {
    return now;
  }

  String uid() {
    return resource.getMetadata().getUid();
  }

  /** Identity of this resource version: a transition observed on it is the same transition. */
  String version() {
    String rv = resource.getMetadata().getResourceVersion();
    return rv == null ? "?" : rv;
  }

  Recorder add(
      String key,
      String reason,
      boolean warning,
      String message,
      String actor,
      String phase,
      String output,
      AuditRecord.Session session) {
    records.add(
        new AuditRecord(
            eventId(key),
            now,
            records.size(),
            resource.getMetadata().getNamespace(),
            resource.getKind(),
            resource.getMetadata().getName(),
            uid(),
            reason,
            warning,
            Redactor.redact(message == null ? reason : message),
            actor,
            phase,
            output,
            session));
    return this;
  }

  List<AuditRecord> records() {
    return List.copyOf(records);
  }

  /**
   * A key unique to one transition of one object: its uid plus what makes the transition unique.
   */
  String eventId(String key) {
    String full =
        resource.getKind()
            + "/"
            + resource.getMetadata().getNamespace()
            + "/"
            + resource.getMetadata().getName()
            + "/"
            + uid()
            + "/"
            + key;
    return sha256(full).substring(0, 32);
  }

  static String sessionId(HasMetadata resource, String... parts) {
    return sha256(resource.getMetadata().getUid() + "/" + String.join("/", parts)).substring(0, 32);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
