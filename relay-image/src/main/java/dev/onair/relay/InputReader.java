package dev.onair.relay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** Reads the encoder's stream, reconnecting when it ends or stalls, and feeds the fan-out. */
final class InputReader implements Runnable {
  private final String url;
  private final Path caFile;
  private final FanOut fanOut;
  private final InputStats stats;
  private final Redactor redactor;
  private final InterruptFlag abort = new InterruptFlag();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final TimestampStitcher stitcher = new TimestampStitcher();
  private final Backoff backoff =
      new Backoff(
          Duration.ofMillis(250), Duration.ofSeconds(2), ThreadLocalRandom.current()::nextDouble);
  private volatile boolean running = true;
  private StreamLayout outputLayout;

  InputReader(String url, Path caFile, FanOut fanOut, InputStats stats, Redactor redactor) {
    this.url = url;
    this.caFile = caFile;
    this.fanOut = fanOut;
    this.stats = stats;
    this.redactor = redactor;
  }

  @Override
  public void run() {
    try {
      while (running) {
        readOneSession();
        if (running) {
          // Short, capped retries: the outputs hold their sessions open meanwhile.
          stopped.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void readOneSession() {
    try (InputSession session = InputSession.open(url, caFile, abort);
        StreamLayout fresh = StreamLayout.of(session.context())) {
      if (!fresh.hasVideo()) {
        throw new IOException("input has no video stream");
      }
      if (!fresh.complete()) {
        throw new IOException("input ended before its stream layout was known");
      }
      // An encoder restarted with the same settings keeps the outputs' sessions; anything else
      // makes each output open a new session built for the new layout.
      if (outputLayout == null || !fresh.compatibleWith(outputLayout)) {
        outputLayout = StreamLayout.of(session.context());
      }
      stitcher.newSession();
      stats.markConnected();
      Log.info("input connected: " + redactor.redact(url));
      AVPacket packet;
      while (running && (packet = session.read()) != null) {
        int track = fresh.trackOf(packet.stream_index());
        if (track < 0) {
          continue;
        }
        stats.packet();
        backoff.reset();
        long dtsMicros =
            stitcher.stitch(
                packet, track, outputLayout.tracks().get(track).timeBase(), System.nanoTime());
        if (dtsMicros != Long.MIN_VALUE) {
          fanOut.publish(packet, outputLayout, track, dtsMicros);
        }
      }
      if (running) {
        stats.lost("input ended");
        Log.warn("input ended; reconnecting");
      }
    } catch (IOException e) {
      if (!running) {
        return;
      }
      String message = redactor.redact(e.getMessage());
      if (stats.connected()) {
        stats.lost(message);
        Log.warn("input lost: " + message + "; reconnecting");
      } else {
        stats.attempted(message);
        if (backoff.failures() % 10 == 0) {
          Log.warn("input unavailable: " + message + "; retrying");
        }
      }
    }
  }

  /** Stops reading and aborts any wait on the input socket. */
  void stop() {
    running = false;
    abort.raise();
    stopped.countDown();
  }
}
