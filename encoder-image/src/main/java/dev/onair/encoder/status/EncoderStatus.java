package dev.onair.encoder.status;

import dev.onair.contract.EncoderState;
import dev.onair.contract.EncoderStatusDocument;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/** Live counters and state of one encoder, read by /status, /metrics and the probes. */
public final class EncoderStatus {
  private static final long WINDOW_NANOS = 5_000_000_000L;

  private final Clock clock;
  private final int width;
  private final int height;
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final RateWindow frameRate = new RateWindow(WINDOW_NANOS);
  private final RateWindow byteRate = new RateWindow(WINDOW_NANOS);
  private volatile long lastFrameNanos;
  private volatile boolean sourceConnected;
  private volatile boolean slateActive;
  private volatile IntSupplier readers = () -> 0;
  private EncoderState state = EncoderState.Starting;
  private Instant since;
  private String lastError;

  public EncoderStatus(Clock clock, int width, int height) {
    this.clock = clock;
    this.width = width;
    this.height = height;
    this.since = now();
  }

  public void readersFrom(IntSupplier readerCount) {
    this.readers = readerCount;
  }

  public void frameEncoded() {
    long now = System.nanoTime();
    lastFrameNanos = now;
    frameRate.record(now, frames.incrementAndGet());
  }

  public void bytesOut(int count) {
    byteRate.record(System.nanoTime(), bytes.addAndGet(count));
  }

  public void frameDropped() {
    dropped.incrementAndGet();
  }

  public void reconnecting() {
    reconnects.incrementAndGet();
  }

  /** The source delivered a picture: Live unless stopping or failed. */
  public synchronized void sourceConnected() {
    sourceConnected = true;
    if (state == EncoderState.Starting || state == EncoderState.SourceLost) {
      enter(EncoderState.Live);
    }
  }

  public synchronized void sourceLost(String error) {
    sourceConnected = false;
    if (error != null) {
      lastError = error;
    }
    if (state == EncoderState.Live || state == EncoderState.Starting) {
      enter(EncoderState.SourceLost);
    }
  }

  /** Notes an error without changing the state, e.g. a failed reconnect attempt. */
  public synchronized void error(String error) {
    lastError = error;
  }

  public void slateActive(boolean active) {
    slateActive = active;
  }

  public synchronized void failed(String error) {
    lastError = error;
    enter(EncoderState.Failed);
  }

  public synchronized void stopping() {
    enter(EncoderState.Stopping);
  }

  private void enter(EncoderState next) {
    if (state != next) {
      state = next;
      since = now();
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  public synchronized EncoderState state() {
    return state;
  }

  public synchronized String lastError() {
    return lastError;
  }

  public long frames() {
    return frames.get();
  }

  public long dropped() {
    return dropped.get();
  }

  public long bytes() {
    return bytes.get();
  }

  public long reconnects() {
    return reconnects.get();
  }

  public boolean isSourceConnected() {
    return sourceConnected;
  }

  public boolean isSlateActive() {
    return slateActive;
  }

  public int readers() {
    return readers.getAsInt();
  }

  public double fps() {
    return frameRate.perSecond(System.nanoTime(), frames.get());
  }

  public long bitrateKbps() {
    return Math.round(byteRate.perSecond(System.nanoTime(), bytes.get()) * 8 / 1000);
  }

  /** True once output was produced. */
  public boolean hasOutput() {
    return frames.get() > 0;
  }

  /** Nanoseconds since the last encoded frame, or -1 before the first. */
  public long nanosSinceLastFrame() {
    return frames.get() == 0 ? -1 : System.nanoTime() - lastFrameNanos;
  }

  /** The /status document; bitrates fit an int by orders of magnitude. */
  public synchronized EncoderStatusDocument document() {
    return new EncoderStatusDocument(
        EncoderStatusDocument.VERSION,
        state.name(),
        since.toString(),
        Math.round(fps() * 100) / 100.0,
        (int) bitrateKbps(),
        frames.get(),
        dropped.get(),
        sourceConnected,
        slateActive,
        width,
        height,
        readers(),
        lastError);
  }
}
