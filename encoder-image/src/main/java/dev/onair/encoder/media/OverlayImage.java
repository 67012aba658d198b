package dev.onair.encoder.media;

import dev.onair.contract.EncoderEnv;
import dev.onair.encoder.config.ConfigException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks at startup that the overlay is a readable PNG, so a bad file is a clear config error. */
public final class OverlayImage {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private OverlayImage() {}

  /** Returns the decoded image; throws naming ONAIR_OVERLAY_FILE and the file otherwise. */
  public static BufferedImage validate(Path file) throws ConfigException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(
          EncoderEnv.OVERLAY_FILE
              + " "
              + file
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + ")");
    }
    if (bytes.length < PNG_SIGNATURE.length
        || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
      throw new ConfigException(EncoderEnv.OVERLAY_FILE + " " + file + " is not a PNG image");
    }
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IOException("no image");
      }
      return image;
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(EncoderEnv.OVERLAY_FILE + " " + file + " is a damaged PNG image");
    }
  }
}
