package dev.onair.encoder.status;

import java.util.ArrayDeque;

/** Rate of a growing counter over the last few seconds, from samples taken as it grows. */
final class RateWindow {
  private record Sample(long nanos, long value) {}

  private final long windowNanos;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();

  RateWindow(long windowNanos) {
    this.windowNanos = windowNanos;
  }

  synchronized void record(long nanos, long value) {
    Sample last = samples.peekLast();
    // One sample per 100 ms is plenty and keeps the deque small at 60 fps.
    if (last != null && nanos - last.nanos < 100_000_000L) {
      return;
    }
    samples.addLast(new Sample(nanos, value));
    while (samples.size() > 2 && nanos - samples.peekFirst().nanos > windowNanos) {
      samples.removeFirst();
    }
  }

  /** Units per second; 0 when the counter has not moved within the window. */
  synchronized double perSecond(long nowNanos, long currentValue) {
    Sample first = samples.peekFirst();
    if (first == null || nowNanos - first.nanos > 2 * windowNanos) {
      return 0;
    }
    long elapsed = nowNanos - first.nanos;
    return elapsed <= 0 ? 0 : (currentValue - first.value) * 1e9 / elapsed;
  }
}
