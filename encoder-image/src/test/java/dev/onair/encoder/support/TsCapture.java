package dev.onair.encoder.support;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * A test reader of /live.ts: decodes it on a background thread, like a relay would read it, and
 * records what a viewer would see: picture colours at probe points, timestamps, keyframes, audio.
 */
public final class TsCapture implements AutoCloseable {
  /** One decoded picture: timestamp, keyframe flag, RGB at each probe point, wall-clock nanos. */
  public record Picture(long timestampUs, boolean keyFrame, int[][] rgb, long receivedNanos) {}

  /** One decoded audio frame: timestamp, samples per channel, RMS level (0..1). */
  public record Sound(long timestampUs, int samples, double rms) {}

  private final String url;
  private final int[][] probes;
  private final List<Picture> pictures = new ArrayList<>();
  private final List<Sound> sounds = new ArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean stop;
  private volatile boolean ended;
  private volatile int width;
  private volatile int height;
  private volatile int audioChannels;
  private volatile int sampleRate;
  private volatile Exception failure;

  /** Starts reading; probes are {x, y} points whose colours are recorded for every picture. */
  public TsCapture(String url, int[]... probes) {
    this.url = url;
    this.probes = probes;
    thread = new Thread(this::run, "ts-capture");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url);
    grabber.setOption("rw_timeout", "15000000");
    try {
      grabber.startUnsafe();
      width = grabber.getImageWidth();
      height = grabber.getImageHeight();
      audioChannels = grabber.getAudioChannels();
      sampleRate = grabber.getSampleRate();
      started.countDown();
      Frame frame;
      while (!stop && (frame = grabber.grab()) != null) {
        if (frame.image != null) {
          Picture picture =
              new Picture(frame.timestamp, frame.keyFrame, colours(frame), System.nanoTime());
          synchronized (this) {
            pictures.add(picture);
          }
        } else if (frame.samples != null) {
          Sound sound = new Sound(frame.timestamp, samples(frame), rms(frame));
          synchronized (this) {
            sounds.add(sound);
          }
        }
      }
    } catch (Exception e) {
      failure = e;
    } finally {
      ended = true;
      started.countDown();
      try {
        grabber.close();
      } catch (Exception e) {
        // Test reader only.
      }
    }
  }

  private int[][] colours(Frame frame) {
    ByteBuffer image = (ByteBuffer) frame.image[0];
    int[][] rgb = new int[probes.length][];
    for (int i = 0; i < probes.length; i++) {
      int offset = probes[i][1] * frame.imageStride + probes[i][0] * 3;
      // The grabber's default output is BGR24.
      rgb[i] =
          new int[] {
            image.get(offset + 2) & 0xFF, image.get(offset + 1) & 0xFF, image.get(offset) & 0xFF
          };
    }
    return rgb;
  }

  private static int samples(Frame frame) {
    int remaining = frame.samples[0].remaining();
    return frame.samples.length > 1 ? remaining : remaining / Math.max(1, frame.audioChannels);
  }

  private static double rms(Frame frame) {
    double sum = 0;
    int n = 0;
    if (frame.samples[0] instanceof FloatBuffer floats) {
      for (int i = floats.position(); i < floats.limit(); i++) {
        sum += floats.get(i) * floats.get(i);
        n++;
      }
    } else if (frame.samples[0] instanceof ShortBuffer shorts) {
      for (int i = shorts.position(); i < shorts.limit(); i++) {
        double v = shorts.get(i) / 32768.0;
        sum += v * v;
        n++;
      }
    }
    return n == 0 ? 0 : Math.sqrt(sum / n);
  }

  /** Waits until the stream was opened (or failed to open). */
  public TsCapture awaitStarted(Duration timeout) throws InterruptedException {
    if (!started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("the stream did not open within " + timeout);
    }
    if (failure != null && width == 0) {
      throw new AssertionError("the stream could not be opened", failure);
    }
    return this;
  }

  public synchronized List<Picture> pictures() {
    return new ArrayList<>(pictures);
  }

  public synchronized List<Sound> sounds() {
    return new ArrayList<>(sounds);
  }

  public synchronized int pictureCount() {
    return pictures.size();
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public int audioChannels() {
    return audioChannels;
  }

  public int sampleRate() {
    return sampleRate;
  }

  /** True once the stream ended (EOF or error). */
  public boolean ended() {
    return ended;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(20_000);
  }
}
