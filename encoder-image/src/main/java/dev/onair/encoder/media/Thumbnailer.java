package dev.onair.encoder.media;

import dev.onair.contract.EncoderEnv;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Keeps a small JPEG of the output picture, refreshed at a fixed interval. The operator copies it
 * into the LiveStream's status, so it is kept near {@link EncoderEnv#TARGET_THUMBNAIL_BYTES}: the
 * quality steps down until the picture fits (a busy frame needs a lower quality than a still one).
 */
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
      latest.set(fitting(converter.convert(small)));
    }
  }

  /** Quality steps tried in order; the last one is kept even if the picture is still larger. */
  private static final float[] QUALITIES = {0.8f, 0.65f, 0.5f, 0.35f, 0.2f};

  static byte[] fitting(BufferedImage image) throws IOException {
    byte[] jpeg = null;
    for (float quality : QUALITIES) {
      jpeg = jpeg(image, quality);
      if (jpeg.length <= EncoderEnv.TARGET_THUMBNAIL_BYTES) {
        break;
      }
    }
    return jpeg;
  }

  private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    ByteArrayOutputStream out = new ByteArrayOutputStream(EncoderEnv.TARGET_THUMBNAIL_BYTES);
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  public Optional<byte[]> latest() {
    return Optional.ofNullable(latest.get());
  }

  @Override
  public void close() throws FrameFilter.Exception {
    scaler.close();
  }
}
