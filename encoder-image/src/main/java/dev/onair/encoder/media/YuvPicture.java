package dev.onair.encoder.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/** Builds YUV420P frames (BT.601, limited range) from Java images, for the slate. */
public final class YuvPicture {
  private YuvPicture() {}

  /** A frame of one contiguous YUV420P buffer, as the grabber produces them. */
  public static Frame frame(int width, int height, byte[] yuv) {
    Frame frame = new Frame();
    frame.imageWidth = width;
    frame.imageHeight = height;
    frame.imageDepth = Frame.DEPTH_UBYTE;
    frame.imageChannels = 1;
    frame.imageStride = width;
    ByteBuffer buffer = ByteBuffer.allocateDirect(yuv.length);
    buffer.put(yuv).flip();
    frame.image = new ByteBuffer[] {buffer};
    return frame;
  }

  /** The image scaled to fill width × height, or black when image is null. */
  public static byte[] fromImage(BufferedImage image, int width, int height) {
    BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.BLACK);
      g.fillRect(0, 0, width, height);
      if (image != null) {
        g.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
      }
    } finally {
      g.dispose();
    }
    byte[] yuv = new byte[width * height * 3 / 2];
    int uBase = width * height;
    int vBase = uBase + uBase / 4;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = rgb.getRGB(x, y);
        int r = (p >> 16) & 0xFF;
        int gr = (p >> 8) & 0xFF;
        int b = p & 0xFF;
        yuv[y * width + x] = (byte) clamp(((66 * r + 129 * gr + 25 * b + 128) >> 8) + 16);
        if ((x & 1) == 0 && (y & 1) == 0) {
          int c = (y / 2) * (width / 2) + x / 2;
          yuv[uBase + c] = (byte) clamp(((-38 * r - 74 * gr + 112 * b + 128) >> 8) + 128);
          yuv[vBase + c] = (byte) clamp(((112 * r - 94 * gr - 18 * b + 128) >> 8) + 128);
        }
      }
    }
    return yuv;
  }

  private static int clamp(int value) {
    return Math.max(0, Math.min(255, value));
  }
}
