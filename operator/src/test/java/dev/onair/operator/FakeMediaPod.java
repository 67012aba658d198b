package dev.onair.operator;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * A stand-in for an encoder or relay process that serves the documented HTTP contract
 * (docs/pod-contracts.md) with answers the test sets, so operator tests need no media.
 */
public final class FakeMediaPod implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

  /** The port the operator expects pods to serve on in tests (reserved per build by Maven). */
  public static int podPort() {
    return Integer.getInteger("test.pod-port", 18931);
  }

  public FakeMediaPod(String host, int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = answers.get(exchange.getRequestURI().getPath());
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            String type =
                exchange.getRequestURI().getPath().endsWith(".jpg")
                    ? "image/jpeg"
                    : "application/json";
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  public FakeMediaPod answer(String path, String json) {
    answers.put(path, json.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public FakeMediaPod answer(String path, byte[] bytes) {
    answers.put(path, bytes);
    return this;
  }

  /** A JPEG of the given size and color, as an encoder's thumbnail would be. */
  public static byte[] jpeg(int width, int height, Color color) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  /** A small PNG with transparency, as a newsroom's logo would be. */
  public static byte[] png(int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(255, 0, 0, 200));
    g.fillRect(0, 0, width, height);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
