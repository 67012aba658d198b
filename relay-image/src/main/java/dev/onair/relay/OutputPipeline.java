package dev.onair.relay;

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
  private static final int FAILED_AFTER_ATTEMPTS = 3;

  private final OutputTarget target;
  private final Path caFile;
  private final Duration inputGap;
  private final OutputStats stats;
  private final Redactor redactor;
  private final Backoff backoff;
  private final OutputQueue queue = new OutputQueue(MAX_QUEUE_BYTES, MAX_LAG.toNanos() / 1000);
  private final InterruptFlag abort = new InterruptFlag();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean running = true;

  OutputPipeline(
      OutputTarget target,
      Path caFile,
      Duration reconnectMax,
      Duration inputGap,
      OutputStats stats,
      Redactor redactor) {
    this.target = target;
    this.caFile = caFile;
    this.inputGap = inputGap;
    this.stats = stats;
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
        stats.dropped(queue.takeDropped());
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
            stats.enter(OutputState.Connecting);
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
      session = OutputSession.open(target, packet.layout(), caFile, abort);
      Log.info("output " + target + ": connected");
    }
    stats.accepted(session.write(packet));
    if (stats.state() != OutputState.Live) {
      stats.enter(OutputState.Live);
      backoff.reset();
    }
    return session;
  }

  private void onFailure(IOException e) throws InterruptedException {
    if (!running) {
      return;
    }
    String message = redactor.redact(e.getMessage());
    stats.failed(message);
    stats.reconnected();
    Duration delay = backoff.next();
    stats.enter(
        backoff.failures() >= FAILED_AFTER_ATTEMPTS
            ? OutputState.Failed
            : OutputState.Reconnecting);
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
