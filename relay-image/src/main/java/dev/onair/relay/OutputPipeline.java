package dev.onair.relay;

import dev.onair.contract.RelayOutputState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One output's own thread: takes packets from its queue and writes them to its endpoint, opening,
 * closing and reopening sessions as the endpoint and the input come and go.
 */
final class OutputPipeline implements Runnable {
  /** A lagging output keeps at most this much media queued before it skips to a keyframe. */
  static final Duration MAX_LAG = Duration.ofSeconds(4);

  static final long MAX_QUEUE_BYTES = 8L * 1024 * 1024;

  /** A write the endpoint does not take within this time fails the session. */
  static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

  /** Connecting includes DNS, TCP, TLS and the RTMP handshake. */
  static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

  private static final int FAILED_AFTER_ATTEMPTS = 3;

  private final OutputTarget target;
  private final Path caFile;
  private final int sendBufferKb;
  private final Duration inputGap;
  private final OutputStats stats;
  private final Redactor redactor;
  private final Backoff backoff;
  private final OutputQueue queue;
  private final InterruptFlag abort = new InterruptFlag();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean running = true;
  // When the current connect or write began (0: none in progress); read by the stall watchdog.
  private volatile long blockedSinceNanos;
  private volatile long blockedLimitNanos;
  private volatile boolean stalled;

  OutputPipeline(
      OutputTarget target,
      Path caFile,
      int sendBufferKb,
      Duration reconnectMax,
      Duration inputGap,
      OutputStats stats,
      Redactor redactor) {
    this.target = target;
    this.caFile = caFile;
    this.sendBufferKb = sendBufferKb;
    this.inputGap = inputGap;
    this.stats = stats;
    this.queue = new OutputQueue(MAX_QUEUE_BYTES, MAX_LAG.toNanos() / 1000, stats);
    this.redactor = redactor;
    this.backoff =
        new Backoff(Duration.ofSeconds(1), reconnectMax, ThreadLocalRandom.current()::nextDouble);
  }

  OutputTarget target() {
    return target;
  }

  OutputQueue queue() {
    return queue;
  }

  OutputStats stats() {
    return stats;
  }

  @Override
  public void run() {
    OutputSession session = null;
    long lastPacketNanos = System.nanoTime();
    try {
      while (running) {
        QueuedPacket packet = queue.poll(200, TimeUnit.MILLISECONDS);
        if (packet == null) {
          if (session != null && System.nanoTime() - lastPacketNanos > inputGap.toNanos()) {
            // The input has been gone longer than endpoints should be held: end cleanly.
            Log.warn(
                "output "
                    + target
                    + ": no input for "
                    + inputGap.toSeconds()
                    + " s; closing its session");
            closeQuietly(session);
            session = null;
            stats.enter(RelayOutputState.Connecting);
          }
          continue;
        }
        lastPacketNanos = System.nanoTime();
        try {
          session = send(session, packet);
        } catch (IOException e) {
          closeQuietly(session);
          session = null;
          onFailure(e);
        } finally {
          packet.free();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(session);
      queue.close();
    }
  }

  private OutputSession send(OutputSession session, QueuedPacket packet) throws IOException {
    if (session != null && session.layout() != packet.layout()) {
      Log.info("output " + target + ": input layout changed; opening a new session");
      closeQuietly(session);
      session = null;
    }
    if (session == null) {
      if (!(packet.video() && packet.key())) {
        // A session must begin with a keyframe, or the endpoint shows garbage until the next one.
        stats.dropped(1);
        return null;
      }
      enterBlocking(OPEN_TIMEOUT);
      try {
        session = OutputSession.open(target, packet.layout(), caFile, sendBufferKb, abort);
      } finally {
        blockedSinceNanos = 0;
      }
      Log.info("output " + target + ": connected");
    }
    enterBlocking(WRITE_TIMEOUT);
    try {
      stats.accepted(session.write(packet));
    } finally {
      blockedSinceNanos = 0;
    }
    if (stats.state() != RelayOutputState.Live) {
      stats.enter(RelayOutputState.Live);
      backoff.reset();
    }
    return session;
  }

  private void enterBlocking(Duration limit) {
    blockedLimitNanos = limit.toNanos();
    blockedSinceNanos = System.nanoTime();
  }

  /**
   * Called about once a second from another thread: aborts a connect or write the endpoint has not
   * completed in time. FFmpeg's own rw_timeout does not reach the TCP socket under RTMP reliably,
   * so the relay enforces it itself through the interrupt callback.
   */
  void abortIfStalled(long nowNanos) {
    long since = blockedSinceNanos;
    if (since != 0 && nowNanos - since > blockedLimitNanos) {
      stalled = true;
      abort.raise();
    }
  }

  private void onFailure(IOException e) throws InterruptedException {
    if (!running) {
      return;
    }
    String message =
        stalled
            ? "endpoint accepted no data for " + WRITE_TIMEOUT.toSeconds() + " s"
            : redactor.redact(e.getMessage());
    stalled = false;
    abort.lower();
    stats.failed(message);
    stats.reconnected();
    Duration delay = backoff.next();
    stats.enter(
        backoff.failures() >= FAILED_AFTER_ATTEMPTS
            ? RelayOutputState.Failed
            : RelayOutputState.Reconnecting);
    Log.warn(
        "output "
            + target
            + ": "
            + message
            + "; reconnecting in "
            + delay.toMillis()
            + " ms (attempt "
            + backoff.failures()
            + ")");
    stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    // What queued up meanwhile is stale: resume live, at the next keyframe.
    queue.skipToKeyframe();
  }

  /** Asks the thread to close its session cleanly and end. */
  void stop() {
    running = false;
    stopRequested.countDown();
    queue.close();
  }

  /** Aborts whatever socket wait the thread is in; used when a clean close takes too long. */
  void abort() {
    abort.raise();
  }

  private void closeQuietly(OutputSession session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (RuntimeException e) {
      Log.warn("output " + target + ": close failed: " + redactor.redact(e.getMessage()));
    }
  }
}
