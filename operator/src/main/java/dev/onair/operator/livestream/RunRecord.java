package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStreamStatus;
import java.time.Instant;

/**
 * What the operator remembers about the current run in status: the generation whose spec it runs,
 * when it started, and its encoder's failures in a row. A spec change that is applied starts the
 * count afresh; a refused one leaves the record as it is, since the old pod keeps running; a long
 * enough healthy stretch forgives the failures ({@link #healthy}).
 */
record RunRecord(
    long generation, Instant startedAt, int failures, Instant lastFailureAt, String lastError) {

  /** A fresh record for {@code generation}: nothing started, nothing failed. */
  static RunRecord none(long generation) {
    return new RunRecord(generation, null, 0, null, null);
  }

  /**
   * The record stored in {@code status}, for the generation it was kept for: {@code
   * appliedGeneration} while a refused edit leaves an older spec running, else {@code
   * observedGeneration}. Without a status, a fresh record for {@code generation}.
   */
  static RunRecord from(LiveStreamStatus status, long generation) {
    if (status == null || status.observedGeneration == null) {
      return none(generation);
    }
    return new RunRecord(
        status.appliedGeneration != null ? status.appliedGeneration : status.observedGeneration,
        parse(status.startedAt),
        status.restarts == null ? 0 : status.restarts,
        parse(status.lastFailureAt),
        status.lastError);
  }

  /** This record if it is for {@code current}, else a fresh one: an applied edit starts over. */
  RunRecord forGeneration(long current) {
    return generation == current ? this : none(current);
  }

  RunRecord started(Instant now) {
    return startedAt != null
        ? this
        : new RunRecord(generation, now, failures, lastFailureAt, lastError);
  }

  RunRecord failed(Instant now, String error) {
    return new RunRecord(generation, startedAt, failures + 1, now, error);
  }

  /**
   * The run stayed healthy long enough: its earlier failures were not in a row with any later one,
   * so the count, the backoff and the failure they describe are cleared.
   */
  RunRecord healthy() {
    return failures == 0 && lastFailureAt == null && lastError == null
        ? this
        : new RunRecord(generation, startedAt, 0, null, null);
  }

  RunRecord ended() {
    return new RunRecord(generation, null, failures, lastFailureAt, lastError);
  }

  private static Instant parse(String time) {
    return time == null ? null : Instant.parse(time);
  }
}
