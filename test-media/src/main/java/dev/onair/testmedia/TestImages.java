package dev.onair.testmedia;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** PNGs drawn by the tests themselves. */
public final class TestImages {
  private TestImages() {}

  public static Path solidPng(Path file, int width, int height, Color color) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
