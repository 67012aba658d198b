package dev.onair.encoder.source;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Demuxes and decodes on its own thread, a few frames ahead of the encoder, so decoding overlaps
 * filtering and encoding as in the ffmpeg CLI's threaded pipeline. Frames handed out are copies.
 */
final class DecodeAhead implements AutoCloseable {
  private static final int DEPTH = 4;
  private static final Frame END = new Frame();

  private final FFmpegFrameGrabber grabber;
  private final FrameCopies copies = new FrameCopies();
  private final BlockingQueue<Frame> queue = new ArrayBlockingQueue<>(DEPTH);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Exception failure;

  DecodeAhead(FFmpegFrameGrabber grabber, String name) {
    this.grabber = grabber;
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      Frame frame;
      while (!stopped && (frame = grabber.grab()) != null) {
        if (frame.image == null && frame.samples == null) {
          continue;
        }
        // The grabber reuses its buffers on the next grab, so the queue holds copies.
        if (!offer(copies.copy(frame))) {
          return;
        }
      }
    } catch (InterruptedException e) {
      return;
    } catch (Exception e) {
      failure = e;
    } finally {
      if (stopped) {
        queue.clear();
        queue.offer(END);
      } else {
        // The end of the source: the frames still queued are delivered first.
        try {
          while (!stopped && !queue.offer(END, 100, TimeUnit.MILLISECONDS)) {}
        } catch (InterruptedException e) {
          queue.clear();
          queue.offer(END);
        }
      }
    }
  }

  private boolean offer(Frame frame) throws InterruptedException {
    while (!stopped) {
      if (queue.offer(frame, 100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  /** The next decoded frame (to be handed back with {@link #done}), or null at the end. */
  Frame next() throws Exception {
    Frame frame = queue.take();
    if (frame == END) {
      queue.offer(END);
      if (failure != null) {
        throw failure;
      }
      return null;
    }
    return frame;
  }

  /** The caller is finished with a frame from {@link #next}. */
  void done(Frame frame) {
    copies.release(frame);
  }

  /**
   * Stops decoding; returns true when the decoder thread has left the grabber, so it may be closed.
   */
  boolean stop(Duration wait) {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
    return !thread.isAlive();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(1));
  }
}
