package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStreamStatus;
import java.time.Instant;

/**
 * What the operator remembers about the current run in status: when it started and how often its
 * encoder failed. A spec change starts the count afresh.
 */
record RunRecord(Instant startedAt, int failures, Instant lastFailureAt, String lastError) {

  static final RunRecord NONE = new RunRecord(null, 0, null, null);

  static RunRecord from(LiveStreamStatus status, long generation) {
    if (status == null
        || status.observedGeneration == null
        || status.observedGeneration != generation) {
      return NONE;
    }
    return new RunRecord(
        parse(status.startedAt),
        status.restarts == null ? 0 : status.restarts,
        parse(status.lastFailureAt),
        status.lastError);
  }

  RunRecord started(Instant now) {
    return startedAt != null ? this : new RunRecord(now, failures, lastFailureAt, lastError);
  }

  RunRecord failed(Instant now, String error) {
    return new RunRecord(startedAt, failures + 1, now, error);
  }

  RunRecord ended() {
    return new RunRecord(null, failures, lastFailureAt, lastError);
  }

  private static Instant parse(String time) {
    return time == null ? null : Instant.parse(time);
  }
}
