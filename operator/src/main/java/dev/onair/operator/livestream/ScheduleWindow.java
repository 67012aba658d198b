package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/** When a running LiveStream should be on air, from its schedule and the start of its run. */
public record ScheduleWindow(Instant start, Instant stop) {

  /** Where now falls relative to the window. */
  public enum Position {
    BEFORE,
    INSIDE,
    AFTER
  }

  /**
   * The window for a schedule. {@code runStartedAt} (the first pod of this run) anchors
   * maxDurationMinutes when no start time is given.
   */
  public static ScheduleWindow of(ScheduleSpec schedule, Instant runStartedAt) {
    if (schedule == null) {
      return new ScheduleWindow(null, null);
    }
    Instant start =
        schedule.startAt == null ? null : OffsetDateTime.parse(schedule.startAt).toInstant();
    Instant stop =
        schedule.stopAt == null ? null : OffsetDateTime.parse(schedule.stopAt).toInstant();
    if (schedule.maxDurationMinutes != null) {
      Instant anchor = start != null ? start : runStartedAt;
      if (anchor != null) {
        Instant byDuration = anchor.plus(Duration.ofMinutes(schedule.maxDurationMinutes));
        stop = stop == null || byDuration.isBefore(stop) ? byDuration : stop;
      }
    }
    return new ScheduleWindow(start, stop);
  }

  public Position position(Instant now) {
    if (start != null && now.isBefore(start)) {
      return Position.BEFORE;
    }
    if (stop != null && !now.isBefore(stop)) {
      return Position.AFTER;
    }
    return Position.INSIDE;
  }

  /** Time until the next boundary, for rescheduling the reconcile exactly then. */
  public Optional<Duration> untilNextBoundary(Instant now) {
    return switch (position(now)) {
      case BEFORE -> Optional.of(Duration.between(now, start));
      case INSIDE -> stop == null ? Optional.empty() : Optional.of(Duration.between(now, stop));
      case AFTER -> Optional.empty();
    };
  }
}
