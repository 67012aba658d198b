package dev.onair.relay;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential reconnect delay with equal jitter and a cap; reset once a session works again. */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final DoubleSupplier random;
  private int attempt;

  public Backoff(Duration base, Duration cap, DoubleSupplier random) {
    this.baseMillis = Math.max(1, base.toMillis());
    this.capMillis = Math.max(baseMillis, cap.toMillis());
    this.random = random;
  }

  /**
   * The delay before the next attempt: half fixed, half random, so outputs do not retry in step.
   */
  public Duration next() {
    long ceiling = capMillis;
    if (attempt < 30) {
      ceiling = Math.min(capMillis, baseMillis << attempt);
    }
    attempt++;
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
  }

  public int failures() {
    return attempt;
  }

  public void reset() {
    attempt = 0;
  }
}
