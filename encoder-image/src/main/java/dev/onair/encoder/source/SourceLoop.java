package dev.onair.encoder.source;

import dev.onair.encoder.Program;
import dev.onair.encoder.status.EncoderStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Connects to the source, feeds its frames to the program, and reconnects with backoff when it
 * fails or ends. A restart (from the stall watchdog) abandons a stuck session on a fresh thread;
 * the stuck one closes its own grabber once FFmpeg returns.
 */
public final class SourceLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SourceLoop.class.getName());

  private final SourceOpener opener;
  private final Program program;
  private final EncoderStatus status;
  private final boolean realtime;
  private final Backoff backoff;
  private final AtomicLong sessions = new AtomicLong();
  private final Runnable onSourceEnd;
  private volatile long generation;
  private volatile boolean stopped;
  private volatile long connectedSession = -1;
  private volatile long lastFrameNanos;
  private volatile Thread thread;

  /**
   * @param onSourceEnd called when the loop gives up for good: only when not real time (benchmark
   *     runs end with their input)
   */
  public SourceLoop(
      SourceOpener opener,
      Program program,
      EncoderStatus status,
      boolean realtime,
      Duration reconnectCap,
      Runnable onSourceEnd) {
    this.opener = opener;
    this.program = program;
    this.status = status;
    this.realtime = realtime;
    this.backoff = new Backoff(reconnectCap);
    this.onSourceEnd = onSourceEnd;
  }

  public synchronized void start() {
    long myGeneration = ++generation;
    Thread t = new Thread(() -> run(myGeneration), "source-" + myGeneration);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Abandons the current session (if it is still stuck) and starts a fresh one. */
  public synchronized void restart(String reason) {
    if (stopped) {
      return;
    }
    LOG.warning("restarting the source: " + reason);
    long stuck = connectedSession;
    connectedSession = -1;
    program.endSession(stuck);
    status.sourceLost(reason);
    status.reconnecting();
    start();
  }

  /** Nanos since the connected session's last frame, or -1 when no session is connected. */
  public long nanosSinceLastFrame() {
    return connectedSession < 0 ? -1 : System.nanoTime() - lastFrameNanos;
  }

  private boolean current(long myGeneration) {
    return !stopped && generation == myGeneration;
  }

  private void run(long myGeneration) {
    while (current(myGeneration)) {
      String error = attempt(myGeneration);
      if (!current(myGeneration)) {
        return;
      }
      status.sourceLost(error);
      LOG.warning(error);
      if (!realtime) {
        onSourceEnd.run();
        return;
      }
      try {
        Thread.sleep(backoff.next().toMillis());
      } catch (InterruptedException e) {
        return;
      }
      status.reconnecting();
    }
  }

  /** One session: open, stream until it ends; returns why it ended. */
  private String attempt(long myGeneration) {
    long id = sessions.incrementAndGet();
    FFmpegFrameGrabber grabber = null;
    boolean started = false;
    try {
      grabber = opener.create();
      // startUnsafe: start() takes a JVM-wide lock, held for as long as a listener waits.
      grabber.startUnsafe();
      started = true;
      if (!current(myGeneration)) {
        return "stopped";
      }
      program.beginSession(id, grabber.getAudioChannels() > 0);
      lastFrameNanos = System.nanoTime();
      connectedSession = id;
      RealTimePacer pacer = new RealTimePacer();
      boolean sawPicture = false;
      Frame frame;
      // Decoding stays on this thread: on a CPU-bound pod x264's own threads keep the cores busy,
      // and a decode-ahead thread measured ~2-4% more CPU for the frame copies it needs.
      while (current(myGeneration) && (frame = grabber.grab()) != null) {
        lastFrameNanos = System.nanoTime();
        if (frame.image != null) {
          if (realtime) {
            pacer.await(frame.timestamp);
          }
          program.sourceVideo(id, frame);
          if (!sawPicture) {
            sawPicture = true;
            backoff.reset();
            status.sourceConnected();
          }
        } else if (frame.samples != null) {
          if (realtime) {
            pacer.await(frame.timestamp);
          }
          program.sourceAudio(id, frame);
        }
      }
      return "source " + opener.describe() + " ended";
    } catch (InterruptedException e) {
      return "stopped";
    } catch (Exception e) {
      return SourceErrors.describe(
          started ? "lost source" : "cannot open source", opener.describe(), e);
    } finally {
      if (connectedSession == id) {
        connectedSession = -1;
      }
      program.endSession(id);
      if (grabber != null) {
        try {
          grabber.close();
        } catch (Exception e) {
          LOG.fine("closing the grabber failed: " + e.getMessage());
        }
      }
    }
  }

  /**
   * Stops taking frames. A thread blocked in FFmpeg is not waited for beyond {@code wait}: it exits
   * (closing its grabber) when its read times out, or with the process.
   */
  public void stop(Duration wait) {
    stopped = true;
    Thread t = thread;
    if (t != null) {
      // Ends a pacing sleep or backoff at once; a native read is left to its own timeout.
      t.interrupt();
      try {
        t.join(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofMillis(500));
  }
}
