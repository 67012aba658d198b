package dev.onair.encoder.media;

import dev.onair.contract.EncoderEnv;
import dev.onair.encoder.config.ConfigException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.Frame;

/** The picture shown while the source is lost: the slate file, or black. */
public final class SlateImage {
  private SlateImage() {}

  public static Frame load(Optional<Path> file, int width, int height) throws ConfigException {
    BufferedImage image = null;
    if (file.isPresent()) {
      try {
        image = ImageIO.read(file.get().toFile());
      } catch (IOException | RuntimeException e) {
        throw new ConfigException(EncoderEnv.SLATE_FILE + " " + file.get() + " cannot be read");
      }
      if (image == null) {
        throw new ConfigException(
            EncoderEnv.SLATE_FILE + " " + file.get() + " is not a PNG or JPEG image");
      }
    }
    return YuvPicture.frame(width, height, YuvPicture.fromImage(image, width, height));
  }
}
