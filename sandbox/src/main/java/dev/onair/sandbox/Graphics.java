package dev.onair.sandbox;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/** The scenario's PNGs, generated at start: a solid overlay box and a solid slate. */
final class Graphics {
  static final Color OVERLAY = new Color(255, 0, 255);
  static final int OVERLAY_WIDTH = 96;
  static final int OVERLAY_HEIGHT = 64;
  static final int OVERLAY_MARGIN = 24;
  static final Color SLATE = new Color(32, 96, 192);

  private Graphics() {}

  static byte[] png(int width, int height, Color colour) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Points inside the overlay box (top-left, scenario margin) of an output frame. */
  static RtmpSink.ColourCheck overlayCheck() {
    int x = OVERLAY_MARGIN;
    int y = OVERLAY_MARGIN;
    return new RtmpSink.ColourCheck(
        List.of(
            new int[] {x + 16, y + 12},
            new int[] {x + OVERLAY_WIDTH / 2, y + OVERLAY_HEIGHT / 2},
            new int[] {x + OVERLAY_WIDTH - 16, y + OVERLAY_HEIGHT - 12}),
        OVERLAY.getRed(),
        OVERLAY.getGreen(),
        OVERLAY.getBlue(),
        40);
  }

  /** Points spread over a 640x360 frame away from the overlay, all of the slate's colour. */
  static RtmpSink.ColourCheck slateCheck() {
    return new RtmpSink.ColourCheck(
        List.of(
            new int[] {320, 180}, new int[] {160, 270}, new int[] {480, 270}, new int[] {560, 100}),
        SLATE.getRed(),
        SLATE.getGreen(),
        SLATE.getBlue(),
        30);
  }
}
