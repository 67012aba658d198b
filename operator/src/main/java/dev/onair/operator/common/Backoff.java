package dev.onair.operator.common;

import java.time.Duration;

/** Exponential delay before replacing a failed pod. */
public final class Backoff {
  private Backoff() {}

  /** Delay after {@code failures} consecutive failures (1 → initial, doubling, capped). */
  public static Duration after(int failures, Duration initial, Duration max) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    long factor = 1L << Math.min(failures - 1, 20);
    Duration d = initial.multipliedBy(factor);
    return d.compareTo(max) > 0 ? max : d;
  }
}
