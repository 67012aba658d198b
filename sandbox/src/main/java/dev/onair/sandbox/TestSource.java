package dev.onair.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * A generated live source served as HLS: the ffmpeg CLI from the natives jar encodes lavfi testsrc2
 * and a sine tone in real time into segments; a small HTTP server on 127.0.0.1 serves them and can
 * cut the source (every request answers 503) for a while.
 */
final class TestSource implements AutoCloseable {
  private final Process ffmpeg;
  private final HttpServer server;
  private volatile Instant cutUntil = Instant.EPOCH;

  private TestSource(Process ffmpeg, HttpServer server) {
    this.ffmpeg = ffmpeg;
    this.server = server;
  }

  static TestSource start(Path dir, int width, int height, int fps, Path log)
      throws IOException, InterruptedException {
    return start(dir, "testsrc2=size=" + width + "x" + height + ":rate=" + fps, fps, log);
  }

  /** A source of any lavfi picture, e.g. {@code color=c=navy:size=640x360:rate=25} for a still. */
  static TestSource start(Path dir, String lavfiPicture, int fps, Path log)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String ffmpegPath = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    ffmpegPath,
                    "-hide_banner",
                    "-loglevel",
                    "warning",
                    "-nostdin",
                    "-re",
                    "-f",
                    "lavfi",
                    "-i",
                    lavfiPicture,
                    "-f",
                    "lavfi",
                    "-i",
                    "sine=frequency=440:sample_rate=48000",
                    "-c:v",
                    "libx264",
                    "-preset",
                    "ultrafast",
                    "-tune",
                    "zerolatency",
                    "-g",
                    String.valueOf(fps),
                    "-pix_fmt",
                    "yuv420p",
                    "-b:v",
                    "800k",
                    "-c:a",
                    "aac",
                    "-b:a",
                    "96k",
                    "-f",
                    "hls",
                    "-hls_time",
                    "1",
                    "-hls_list_size",
                    "6",
                    "-hls_flags",
                    "delete_segments+omit_endlist",
                    dir.resolve("live.m3u8").toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The CLI's own libraries (libva and friends) sit beside it in the JavaCPP cache.
    String libs = Path.of(ffmpegPath).getParent().toString();
    String existing = System.getenv("LD_LIBRARY_PATH");
    builder.environment().put("LD_LIBRARY_PATH", existing == null ? libs : libs + ":" + existing);
    Process ffmpeg = builder.start();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    TestSource source = new TestSource(ffmpeg, server);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "test-source-http");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String name = Path.of(exchange.getRequestURI().getPath()).getFileName().toString();
            Path file = dir.resolve(name);
            if (Instant.now().isBefore(source.cutUntil) || !Files.isRegularFile(file)) {
              exchange.sendResponseHeaders(Instant.now().isBefore(source.cutUntil) ? 503 : 404, -1);
              return;
            }
            byte[] body;
            try {
              body = Files.readAllBytes(file);
            } catch (IOException e) {
              exchange.sendResponseHeaders(404, -1); // deleted by ffmpeg meanwhile
              return;
            }
            exchange
                .getResponseHeaders()
                .set(
                    "Content-Type",
                    name.endsWith(".m3u8") ? "application/vnd.apple.mpegurl" : "video/mp2t");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
    // The playlist exists once the first segment is complete.
    Instant deadline = Instant.now().plusSeconds(20);
    while (!Files.exists(dir.resolve("live.m3u8")) && Instant.now().isBefore(deadline)) {
      if (!ffmpeg.isAlive()) {
        source.close();
        throw new IOException(
            "the test source's ffmpeg exited with code " + ffmpeg.exitValue() + "; see " + log);
      }
      Thread.sleep(100);
    }
    return source;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.m3u8";
  }

  /** Every request answers 503 for {@code duration}: the source is gone, then comes back. */
  void cut(Duration duration) {
    cutUntil = Instant.now().plus(duration);
  }

  @Override
  public void close() {
    server.stop(0);
    ffmpeg.destroy();
    try {
      if (!ffmpeg.waitFor(3, TimeUnit.SECONDS)) {
        ffmpeg.destroyForcibly();
      }
    } catch (InterruptedException e) {
      ffmpeg.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
