package dev.onair.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.contract.EncoderEnv;
import dev.onair.testmedia.TestClips;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thumbnail that goes into a LiveStream's status stays small with a busy picture. */
class ThumbnailerTest {
  @TempDir Path dir;

  @Test
  void aBusyHdPictureBecomesA320WideJpegOfAtMost8Kilobytes() throws Exception {
    // testsrc2 with moving noise: fine detail everywhere, the hard case for JPEG.
    Path clip = TestClips.busyTs(dir.resolve("busy.ts"), 1280, 720, 30, 1, 4000);
    byte[] jpeg = thumbnailOf(clip, 1280, 720, 320, 180);

    assertThat(jpeg.length).isLessThanOrEqualTo(EncoderEnv.TARGET_THUMBNAIL_BYTES);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(180);
    // Still a picture of the source, not a grey block: testsrc2 is colourful.
    assertThat(distinctColours(image)).isGreaterThan(50);
  }

  @Test
  void aStillPictureKeepsAHighQuality() throws Exception {
    Path clip = TestClips.solidTs(dir.resolve("solid.ts"), "0x3366cc", 1);
    byte[] jpeg = thumbnailOf(clip, 320, 180, 320, 180);
    assertThat(jpeg.length).isLessThan(EncoderEnv.TARGET_THUMBNAIL_BYTES / 2);
    int rgb = ImageIO.read(new ByteArrayInputStream(jpeg)).getRGB(160, 90);
    assertThat((rgb >> 16) & 0xff).isBetween(0x28, 0x3e);
    assertThat(rgb & 0xff).isBetween(0xc0, 0xd8);
  }

  private static byte[] thumbnailOf(Path clip, int width, int height, int tw, int th)
      throws Exception {
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
      grabber.start();
      Frame frame = grabber.grabImage();
      for (int i = 0; i < 10; i++) {
        frame = grabber.grabImage(); // past the first frames, into the moving picture
      }
      try (Thumbnailer thumbnailer =
          new Thumbnailer(width, height, tw, th, 0, grabber.getPixelFormat())) {
        thumbnailer.offer(frame, grabber.getPixelFormat());
        return thumbnailer.latest().orElseThrow();
      }
    }
  }

  private static long distinctColours(BufferedImage image) {
    return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
        .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()) & 0xf0f0f0)
        .distinct()
        .count();
  }
}
