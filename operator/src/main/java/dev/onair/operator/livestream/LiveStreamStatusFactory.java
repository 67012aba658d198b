package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.LiveStreamStatus;
import dev.onair.api.v1alpha1.StreamTelemetry;
import dev.onair.api.v1alpha1.Thumbnail;
import dev.onair.contract.EncoderStatusDocument;
import dev.onair.operator.common.Conditions;
import dev.onair.operator.telemetry.EncoderReading;
import dev.onair.operator.telemetry.MeaningfulChange;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

/** Builds a LiveStream's status, conditions included, in one place. */
final class LiveStreamStatusFactory {
  static final String READY = "Ready";
  static final String SOURCE_CONNECTED = "SourceConnected";
  static final String SPEC_VALID = "SpecValid";

  private LiveStreamStatusFactory() {}

  static LiveStreamStatus build(
      LiveStream ls,
      Outcome outcome,
      LiveStreamValidator.Result validation,
      String profile,
      String streamUrl,
      EncoderReading reading) {
    LiveStreamStatus previous = ls.getStatus() == null ? new LiveStreamStatus() : ls.getStatus();
    LiveStreamStatus s = new LiveStreamStatus();
    s.observedGeneration = ls.getMetadata().getGeneration();
    s.phase = outcome.phase();
    s.message = outcome.message();
    s.profile = profile;
    s.streamUrl = streamUrl;
    s.encoderPod = outcome.pod() == null ? null : outcome.pod().getMetadata().getName();
    RunRecord run = outcome.run();
    // Shown only while it differs: a refused edit leaves the previous generation's spec running.
    long observed = s.observedGeneration == null ? 0 : s.observedGeneration;
    s.appliedGeneration = run.generation() == observed ? null : run.generation();
    // Milliseconds: a stop and start within one second are two runs, and their order matters.
    s.startedAt = millis(run.startedAt());
    // Failures in a row: cleared, with their time and error, once a run stays healthy long enough.
    s.restarts = run.failures() == 0 ? null : run.failures();
    // Milliseconds: the replacement backoff is computed from this time and starts below a second.
    s.lastFailureAt = millis(run.lastFailureAt());
    s.lastError = run.lastError();
    boolean onAir = outcome.pod() != null && reading != null;
    if (onAir) {
      s.telemetry = shown(previous.telemetry, telemetry(reading.status()));
      s.thumbnail = thumbnail(reading);
    }

    boolean live = outcome.phase() == LiveStreamPhase.Live;
    Conditions conditions = new Conditions(previous.conditions, s.observedGeneration);
    conditions.set(READY, live, outcome.reason(), outcome.message());
    if (validation.valid()) {
      conditions.set(SPEC_VALID, true, "Valid", "the spec and everything it references are usable");
    } else {
      conditions.set(
          SPEC_VALID, false, validation.problem().reason(), validation.problem().message());
    }
    if (onAir && reading.status().sourceConnected() != null) {
      boolean connected = reading.status().sourceConnected();
      conditions.set(
          SOURCE_CONNECTED,
          connected,
          connected ? "FramesArriving" : "SourceLost",
          connected
              ? "frames are arriving from the source"
              : "no frames from the source; "
                  + (Boolean.TRUE.equals(reading.status().slateActive())
                      ? "the slate is on air"
                      : "reconnecting"));
    }
    s.conditions = conditions.build();
    return s;
  }

  /**
   * Since when the stored status has said the stream is on air without a break: the time Ready last
   * became True, while the phase is Live (Ready is True only then). Null when it is not Live.
   */
  static Instant liveSince(LiveStreamStatus status) {
    if (status == null || status.phase != LiveStreamPhase.Live) {
      return null;
    }
    return Conditions.find(status.conditions, READY)
        .filter(c -> "True".equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .orElse(null);
  }

  /**
   * The telemetry to show: the fresh one after a meaningful change, else the one already shown, so
   * a steady stream's status is not rewritten on every poll (the exact numbers are in metrics).
   */
  static StreamTelemetry shown(StreamTelemetry current, StreamTelemetry fresh) {
    if (current == null
        || !Objects.equals(current.sourceConnected, fresh.sourceConnected)
        || !Objects.equals(current.slateActive, fresh.slateActive)
        || !Objects.equals(current.readers, fresh.readers)
        || !Objects.equals(current.lastError, fresh.lastError)
        || MeaningfulChange.moved(current.bitrateKbps, fresh.bitrateKbps)
        || MeaningfulChange.moved(current.fps, fresh.fps)
        || MeaningfulChange.moved(current.droppedFrames, fresh.droppedFrames)) {
      return fresh;
    }
    return current;
  }

  private static StreamTelemetry telemetry(EncoderStatusDocument d) {
    StreamTelemetry t = new StreamTelemetry();
    t.fps = d.fps() == null ? null : Math.round(d.fps() * 10) / 10.0;
    t.bitrateKbps = d.bitrateKbps();
    t.droppedFrames = d.dropped();
    t.sourceConnected = d.sourceConnected();
    t.slateActive = d.slateActive();
    t.readers = d.readers();
    t.lastError = d.lastError();
    return t;
  }

  private static Thumbnail thumbnail(EncoderReading reading) {
    if (reading.thumbnail() == null) {
      return null;
    }
    Thumbnail t = new Thumbnail();
    t.dataUri = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(reading.thumbnail());
    t.capturedAt = time(reading.capturedAt());
    return t;
  }

  private static String millis(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
