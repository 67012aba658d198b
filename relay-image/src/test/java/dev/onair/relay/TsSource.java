package dev.onair.relay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.onair.testmedia.BundledFfmpeg;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the encoder: serves {@code GET /live.ts}, the clip paced at real time by the ffmpeg
 * CLI ({@code -re -c copy}). Each request plays the clip from its start, like a restarted encoder.
 */
public final class TsSource implements AutoCloseable {
  private final HttpServer server;
  private final Path clip;
  private final Set<Process> playing = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile long refuseUntilNanos;
  private volatile Duration refuseAfterFirstPlay = Duration.ZERO;

  public TsSource(Path clip) throws IOException {
    this.clip = clip;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/live.ts", this::serve);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.ts";
  }

  int requests() {
    return requests.get();
  }

  /** After the first play ends, answer 503 for this long (an encoder restart). */
  void refuseAfterFirstPlay(Duration duration) {
    refuseAfterFirstPlay = duration;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (System.nanoTime() < refuseUntilNanos) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      int request = requests.incrementAndGet();
      Process ffmpeg =
          BundledFfmpeg.command(
                  List.of(
                      "-loglevel",
                      "error",
                      "-re",
                      "-i",
                      clip.toString(),
                      "-c",
                      "copy",
                      "-flush_packets",
                      "1",
                      "-f",
                      "mpegts",
                      "pipe:1"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      playing.add(ffmpeg);
      exchange.getResponseHeaders().set("Content-Type", "video/mp2t");
      exchange.sendResponseHeaders(200, 0);
      try (InputStream in = ffmpeg.getInputStream();
          OutputStream out = exchange.getResponseBody()) {
        byte[] buffer = new byte[188 * 7];
        int n;
        while ((n = in.read(buffer)) > 0) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the relay went away
      } finally {
        ffmpeg.destroyForcibly();
        playing.remove(ffmpeg);
        if (request == 1 && !refuseAfterFirstPlay.isZero()) {
          refuseUntilNanos = System.nanoTime() + refuseAfterFirstPlay.toNanos();
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    playing.forEach(Process::destroyForcibly);
  }
}
