package dev.onair.operator.audit;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.LiveStreamStatus;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What happened to a LiveStream between two statuses. A run (one stream session) is identified by
 * {@code status.startedAt}: it opens with Started and closes with Stopped, saying by whom.
 */
final class LiveStreamTransitions {
  private static final Set<LiveStreamPhase> OFF_AIR =
      EnumSet.of(
          LiveStreamPhase.Scheduled,
          LiveStreamPhase.Stopped,
          LiveStreamPhase.Completed,
          LiveStreamPhase.Failed);

  private LiveStreamTransitions() {}

  static List<AuditRecord> between(
      LiveStream ls, LiveStreamStatus before, LiveStreamStatus after, Instant now) {
    Recorder r = new Recorder(ls, now);
    Lifecycle.createdOrChanged(
        r, ls, before == null, before == null ? null : before.observedGeneration);
    if (before != null
        && after.restarts != null
        && after.restarts > Objects.requireNonNullElse(before.restarts, 0)) {
      r.add(
          "PodFailed/" + after.lastFailureAt,
          "PodFailed",
          true,
          after.lastError,
          null,
          phase(after),
          null,
          null);
    }
    boolean wasRunning = running(before);
    boolean isRunning = running(after);
    boolean sameRun = wasRunning && isRunning && runKey(before).equals(runKey(after));
    if (wasRunning && !sameRun) {
      stopped(r, ls, before, stoppedBy(after.phase), "the run ended");
    }
    LiveStreamPhase was = before == null ? null : before.phase;
    if (after.phase != null && after.phase != was) {
      phaseEntered(r, was, after, wasRunning);
    }
    if (isRunning && !sameRun) {
      Instant startedAt = Instant.parse(after.startedAt);
      r.add(
          "Started/" + runKey(after),
          "Started",
          false,
          "a run started",
          null,
          phase(after),
          null,
          new AuditRecord.Session(
              Recorder.sessionId(ls, "run", runKey(after)), startedAt, null, null));
    }
    if (after.encoderPod != null
        && !after.encoderPod.equals(before == null ? null : before.encoderPod)) {
      r.add(
          r.version() + "/PodCreated/" + after.encoderPod,
          "PodCreated",
          false,
          "encoder pod " + after.encoderPod + " created",
          null,
          phase(after),
          null,
          null);
    }
    Boolean slateBefore =
        before == null || before.telemetry == null ? null : before.telemetry.slateActive;
    Boolean slateAfter = after.telemetry == null ? null : after.telemetry.slateActive;
    if (slateAfter != null && !slateAfter.equals(slateBefore)) {
      if (slateAfter || slateBefore != null) {
        String reason = slateAfter ? "SlateOn" : "SlateOff";
        r.add(
            r.version() + "/" + reason,
            reason,
            slateAfter,
            slateAfter ? "the slate is on air" : "the slate is off, the source is on air",
            null,
            phase(after),
            null,
            null);
      }
    }
    return r.records();
  }

  static List<AuditRecord> deleted(LiveStream ls, Instant now) {
    Recorder r = new Recorder(ls, now);
    if (running(ls.getStatus())) {
      stopped(r, ls, ls.getStatus(), "deletion", "stopped: the LiveStream was deleted");
    }
    Lifecycle.deleted(r, ls);
    return r.records();
  }

  private static void phaseEntered(
      Recorder r, LiveStreamPhase was, LiveStreamStatus after, boolean stoppedAlready) {
    String key = r.version() + "/" + after.phase;
    switch (after.phase) {
      case Scheduled ->
          r.add(key, "Scheduled", false, after.message, null, phase(after), null, null);
      case Live ->
          r.add(
              key,
              was == LiveStreamPhase.SourceLost ? "Recovered" : "Live",
              false,
              was == LiveStreamPhase.SourceLost ? "the source is back, on air" : after.message,
              null,
              phase(after),
              null,
              null);
      case SourceLost ->
          r.add(key, "SourceLost", true, after.message, null, phase(after), null, null);
      case Completed ->
          r.add(key, "Completed", false, after.message, "schedule", phase(after), null, null);
      case Failed -> r.add(key, "Failed", true, after.message, null, phase(after), null, null);
      case Stopped -> {
        if (!stoppedAlready) {
          r.add(key, "Stopped", false, after.message, "spec", phase(after), null, null);
        }
      }
      default -> {
        // Pending and Starting are told by Started and PodCreated.
      }
    }
  }

  private static void stopped(
      Recorder r, LiveStream ls, LiveStreamStatus before, String by, String message) {
    Instant startedAt = Instant.parse(before.startedAt);
    r.add(
        "Stopped/" + runKey(before),
        "Stopped",
        false,
        message + " (stopped by " + by + ")",
        by,
        phase(before),
        null,
        new AuditRecord.Session(
            Recorder.sessionId(ls, "run", runKey(before)), startedAt, r.now(), by));
  }

  /** What ended a run, from the phase the LiveStream entered. */
  private static String stoppedBy(LiveStreamPhase phase) {
    if (phase == null) {
      return "spec-change";
    }
    return switch (phase) {
      case Stopped -> "spec";
      case Completed, Scheduled -> "schedule";
      case Failed -> "failure";
      default -> "spec-change";
    };
  }

  /**
   * Identity of a run: its start within the generation whose spec it runs. A generation runs at
   * most once at a time, and an applied edit starts a new run, even within the same second; a
   * refused edit advances observedGeneration but not appliedGeneration, so the run goes on.
   */
  private static String runKey(LiveStreamStatus s) {
    return (s.appliedGeneration != null ? s.appliedGeneration : s.observedGeneration)
        + "@"
        + s.startedAt;
  }

  /** A run is open while the stream has a start time and is not in an off-air phase. */
  static boolean running(LiveStreamStatus s) {
    return s != null && s.startedAt != null && s.phase != null && !OFF_AIR.contains(s.phase);
  }

  private static String phase(LiveStreamStatus s) {
    return s.phase == null ? null : s.phase.name();
  }
}
