package dev.onair.encoder.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Keeps a small JPEG of the output picture, refreshed at a fixed interval. */
public final class Thumbnailer implements AutoCloseable {
  private final FFmpegFrameFilter scaler;
  private final Java2DFrameConverter converter = new Java2DFrameConverter();
  private final long intervalNanos;
  private final AtomicReference<byte[]> latest = new AtomicReference<>();
  private long lastNanos;

  public Thumbnailer(
      int width, int height, int thumbWidth, int thumbHeight, long intervalNanos, int pixelFormat)
      throws FrameFilter.Exception {
    this.intervalNanos = intervalNanos;
    scaler =
        new FFmpegFrameFilter(
            "scale=" + thumbWidth + ":" + thumbHeight + ",format=bgr24", width, height);
    scaler.setPixelFormat(pixelFormat);
    scaler.startUnsafe();
  }

  /** Called for each output picture; captures one when the interval has passed. */
  public void offer(Frame picture, int pixelFormat) throws FrameFilter.Exception, IOException {
    long now = System.nanoTime();
    if (latest.get() != null && now - lastNanos < intervalNanos) {
      return;
    }
    lastNanos = now;
    scaler.push(picture, pixelFormat);
    Frame small;
    while ((small = scaler.pull()) != null) {
      if (small.image == null || scaler.getPixelFormat() != avutil.AV_PIX_FMT_BGR24) {
        continue;
      }
      BufferedImage image = converter.convert(small);
      ByteArrayOutputStream jpeg = new ByteArrayOutputStream(16 * 1024);
      ImageIO.write(image, "jpg", jpeg);
      latest.set(jpeg.toByteArray());
    }
  }

  public Optional<byte[]> latest() {
    return Optional.ofNullable(latest.get());
  }

  @Override
  public void close() throws FrameFilter.Exception {
    scaler.close();
  }
}
