package dev.onair.encoder.source;

import java.time.Duration;

/** Exponential reconnect delays: 0.5 s doubling up to a cap, reset after a good session. */
public final class Backoff {
  private static final long FIRST_MILLIS = 500;

  private final long capMillis;
  private long nextMillis = FIRST_MILLIS;

  public Backoff(Duration cap) {
    this.capMillis = Math.max(FIRST_MILLIS, cap.toMillis());
  }

  public Duration next() {
    long delay = nextMillis;
    nextMillis = Math.min(capMillis, nextMillis * 2);
    return Duration.ofMillis(delay);
  }

  public void reset() {
    nextMillis = FIRST_MILLIS;
  }
}
