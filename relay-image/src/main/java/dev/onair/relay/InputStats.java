package dev.onair.relay;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Health figures of the input, written by the reader thread and read by /status and /metrics. */
public final class InputStats {
  private final Clock clock;
  private final AtomicLong packets = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private volatile boolean connected;
  private volatile Instant since;
  private volatile String lastError;
  private volatile long lastActivityNanos = System.nanoTime();

  public InputStats(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  void markConnected() {
    connected = true;
    since = clock.instant();
    touch();
  }

  void lost(String redactedError) {
    if (connected) {
      reconnects.incrementAndGet();
    }
    connected = false;
    since = clock.instant();
    lastError = redactedError;
    touch();
  }

  void attempted(String redactedError) {
    lastError = redactedError;
    touch();
  }

  void packet() {
    packets.incrementAndGet();
    touch();
  }

  /** The reader thread did something (read, connected, or tried to): it is not stuck. */
  void touch() {
    lastActivityNanos = System.nanoTime();
  }

  public boolean connected() {
    return connected;
  }

  public Instant since() {
    return since;
  }

  public String lastError() {
    return lastError;
  }

  public long packets() {
    return packets.get();
  }

  public long reconnects() {
    return reconnects.get();
  }

  long nanosSinceActivity() {
    return System.nanoTime() - lastActivityNanos;
  }
}
