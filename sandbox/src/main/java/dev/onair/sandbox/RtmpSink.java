package dev.onair.sandbox;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * A local RTMP server standing in for a platform's ingest: a listen-mode grabber on 127.0.0.1 that
 * accepts one publisher at a time, decodes its video, counts frames and checks pixels.
 */
final class RtmpSink implements AutoCloseable {
  /** A solid colour expected at some points of a frame (BGR, with a tolerance per channel). */
  record ColourCheck(List<int[]> points, int red, int green, int blue, int tolerance) {
    boolean matches(Frame frame) {
      ByteBuffer image = (ByteBuffer) frame.image[0];
      int stride = frame.imageStride;
      for (int[] p : points) {
        if (p[0] >= frame.imageWidth || p[1] >= frame.imageHeight) {
          return false;
        }
        int i = p[1] * stride + p[0] * 3;
        int b = image.get(i) & 0xff;
        int g = image.get(i + 1) & 0xff;
        int r = image.get(i + 2) & 0xff;
        if (Math.abs(r - red) > tolerance
            || Math.abs(g - green) > tolerance
            || Math.abs(b - blue) > tolerance) {
          return false;
        }
      }
      return true;
    }
  }

  final String name;
  private final int port;
  private final ColourCheck overlay;
  private final ColourCheck slate;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile Instant connectedAt;
  private volatile Instant closedAt;
  private volatile Instant firstFrameAt;
  private volatile Instant lastFrameAt;
  private volatile int width;
  private volatile int height;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong overlayFrames = new AtomicLong();
  private final AtomicLong slateFrames = new AtomicLong();

  RtmpSink(String name, ColourCheck overlay, ColourCheck slate) {
    avutil.av_log_set_level(avutil.AV_LOG_FATAL); // a listen timeout is not an error here
    this.name = name;
    this.port = FreePorts.any();
    this.overlay = overlay;
    this.slate = slate;
    this.thread = new Thread(this::serve, "rtmp-sink-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** The ingest URL an Endpoint points at (the relay appends the stream key). */
  String url() {
    return "rtmp://127.0.0.1:" + port + "/live";
  }

  private void serve() {
    while (running) {
      FFmpegFrameGrabber grabber =
          new FFmpegFrameGrabber("rtmp://127.0.0.1:" + port + "/live/sink");
      grabber.setFormat("flv");
      grabber.setOption("listen", "1");
      grabber.setOption("timeout", "2"); // seconds, for rtmp listen: lets the loop see close()
      grabber.setOption("analyzeduration", "1500000");
      grabber.setOption("rw_timeout", "30000000"); // µs: a publisher silent this long is gone
      grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
      try {
        grabber.startUnsafe();
      } catch (Exception e) {
        release(grabber);
        continue; // nobody connected within the timeout
      }
      connected = true;
      connectedAt = Instant.now();
      sessions.incrementAndGet();
      try {
        Frame frame;
        while (running && (frame = grabber.grabImage()) != null) {
          if (frame.image == null) {
            continue;
          }
          Instant now = Instant.now();
          if (firstFrameAt == null) {
            firstFrameAt = now;
          }
          lastFrameAt = now;
          width = frame.imageWidth;
          height = frame.imageHeight;
          frames.incrementAndGet();
          if (overlay.matches(frame)) {
            overlayFrames.incrementAndGet();
          }
          if (slate.matches(frame)) {
            slateFrames.incrementAndGet();
          }
        }
      } catch (Exception e) {
        // the publisher went away
      } finally {
        connected = false;
        closedAt = Instant.now();
        release(grabber);
      }
    }
  }

  private static void release(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (Exception e) {
      // closing anyway
    }
  }

  boolean connected() {
    return connected;
  }

  int sessions() {
    return sessions.get();
  }

  long frames() {
    return frames.get();
  }

  long overlayFrames() {
    return overlayFrames.get();
  }

  long slateFrames() {
    return slateFrames.get();
  }

  Instant connectedAt() {
    return connectedAt;
  }

  Instant closedAt() {
    return closedAt;
  }

  Instant firstFrameAt() {
    return firstFrameAt;
  }

  Instant lastFrameAt() {
    return lastFrameAt;
  }

  String size() {
    return width + "x" + height;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(3000);
  }
}
