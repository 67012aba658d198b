package dev.onair.operator.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failures count only in a row: once a run has been healthy for {@code
 * onair.restarts.healthy-after} the failures before it are forgiven. Both LiveStreams and Restreams
 * decide it here, the same way.
 */
public final class HealthyStretch {
  private HealthyStretch() {}

  /**
   * How long a healthy stretch that began at {@code since} still has to last before earlier
   * failures are forgiven: zero once it has, empty when the run is not healthy now ({@code since}
   * is null).
   */
  public static Optional<Duration> remaining(Instant since, Duration healthyAfter, Instant now) {
    if (since == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, since.plus(healthyAfter));
    return Optional.of(left.isNegative() ? Duration.ZERO : left);
  }
}
