package dev.onair.relay;

import dev.onair.contract.RelayOutputState;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Health figures of one output, written by its pipeline thread and read by /status and /metrics.
 */
public final class OutputStats {
  private static final int WINDOW_SECONDS = 5;

  private final Clock clock;
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong droppedPackets = new AtomicLong();
  private volatile RelayOutputState state = RelayOutputState.Connecting;
  private volatile Instant since;
  private volatile String lastError;
  private volatile boolean everLive;

  // Bitrate window: one sample of bytesSent per second, taken by sample().
  private final long[] samples = new long[WINDOW_SECONDS + 1];
  private int sampleCount;
  private int nextSample;
  private volatile long bitrateKbps;

  public OutputStats(Clock clock) {
    this.clock = clock;
    this.since = clock.instant();
  }

  void enter(RelayOutputState next) {
    if (next != state) {
      state = next;
      since = clock.instant();
    }
    if (next == RelayOutputState.Live) {
      everLive = true;
    }
  }

  void failed(String redactedError) {
    lastError = redactedError;
  }

  void reconnected() {
    reconnects.incrementAndGet();
  }

  void accepted(long bytes) {
    bytesSent.addAndGet(bytes);
  }

  void dropped(long packets) {
    droppedPackets.addAndGet(packets);
  }

  /** Called once a second; the bitrate is the average over the last few seconds. */
  synchronized void sample() {
    samples[nextSample] = bytesSent.get();
    nextSample = (nextSample + 1) % samples.length;
    sampleCount = Math.min(sampleCount + 1, samples.length);
    if (sampleCount < 2) {
      bitrateKbps = 0;
      return;
    }
    int newest = (nextSample - 1 + samples.length) % samples.length;
    int oldest = (nextSample - sampleCount + samples.length) % samples.length;
    long bytes = samples[newest] - samples[oldest];
    bitrateKbps = Math.round(bytes * 8.0 / 1000.0 / (sampleCount - 1));
  }

  public RelayOutputState state() {
    return state;
  }

  public Instant since() {
    return since;
  }

  public long bytesSent() {
    return bytesSent.get();
  }

  public long bitrateKbps() {
    return bitrateKbps;
  }

  public long reconnects() {
    return reconnects.get();
  }

  public long droppedPackets() {
    return droppedPackets.get();
  }

  public String lastError() {
    return lastError;
  }

  public boolean everLive() {
    return everLive;
  }
}
