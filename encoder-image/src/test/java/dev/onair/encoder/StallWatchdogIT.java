package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.onair.encoder.support.EncoderHarness;
import dev.onair.encoder.support.Http;
import dev.onair.testmedia.TestClips;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source that keeps its connection busy but stops sending pictures. */
class StallWatchdogIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aSourceThatSendsBytesButNoPicturesIsRestartedAfterTheStallTimeout() throws Exception {
    Path clip = TestClips.solidTs(dir.resolve("clip.ts"), "0x3050C8", 3);
    byte[] media = Files.readAllBytes(clip);
    byte[] nullPacket = new byte[188];
    Arrays.fill(nullPacket, (byte) 0xFF);
    nullPacket[0] = 0x47;
    nullPacket[1] = 0x1F;
    nullPacket[2] = (byte) 0xFF;
    nullPacket[3] = 0x10;
    AtomicInteger requests = new AtomicInteger();
    HttpServer source =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    source.setExecutor(Executors.newCachedThreadPool());
    source.createContext(
        "/live.ts",
        exchange -> {
          requests.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "video/mp2t");
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(media);
            out.flush();
            // Then only null packets: the connection is alive and busy, FFmpeg's read timeout
            // never fires, but no picture arrives. Only the stall watchdog can tell.
            for (int i = 0; i < 600; i++) {
              out.write(nullPacket);
              out.flush();
              Thread.sleep(100);
            }
          } catch (Exception e) {
            // Reader went away.
          }
        });
    source.start();
    try (EncoderHarness encoder =
        EncoderHarness.start(
            Map.of(
                "ONAIR_SOURCE_URL",
                "http://127.0.0.1:" + source.getAddress().getPort() + "/live.ts",
                "ONAIR_STALL_TIMEOUT_SECONDS",
                "2"))) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> status(encoder).get("sourceConnected").asBoolean());
      // The 3 s clip plays, the trickle starts, the slate covers, and the watchdog reconnects.
      await().atMost(Duration.ofSeconds(20)).until(() -> requests.get() >= 2);
      JsonNode status = status(encoder);
      assertThat(status.get("lastError").asText()).isEqualTo("no frame from the source for 2 s");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> status(encoder).get("sourceConnected").asBoolean());
      assertThat(Http.get(encoder.url("/metrics")).body())
          .containsPattern("onair_encoder_source_reconnects_total [1-9]");
      assertThat(Http.get(encoder.url("/healthz")).statusCode()).isEqualTo(200);
    } finally {
      source.stop(0);
    }
  }

  private static JsonNode status(EncoderHarness encoder) throws Exception {
    return JSON.readTree(Http.get(encoder.url("/status")).body());
  }
}
