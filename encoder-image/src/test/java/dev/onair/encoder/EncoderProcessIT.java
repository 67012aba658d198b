package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.encoder.support.EncoderHarness;
import dev.onair.encoder.support.EncoderProcess;
import dev.onair.encoder.support.Http;
import dev.onair.encoder.support.Ports;
import dev.onair.encoder.support.StaticHttpServer;
import dev.onair.encoder.support.TsCapture;
import dev.onair.testmedia.TestClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as a child process: clean stop on SIGTERM, exit codes of the pod contract. */
class EncoderProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void sigtermEndsTheEncoderAndItsReadersWithinTwoSecondsWithExitCodeZero() throws Exception {
    Files.createDirectories(dir.resolve("hls"));
    TestClips.hlsClip(dir.resolve("hls"), "0x3050C8", 320, 180, 30, 10, true);
    try (StaticHttpServer cdn = new StaticHttpServer(dir)) {
      int port = Ports.freeTcp();
      Map<String, String> env = new HashMap<>(EncoderHarness.env(Map.of()));
      env.put("ONAIR_HTTP_PORT", Integer.toString(port));
      env.put("ONAIR_SOURCE_URL", cdn.url("hls/index.m3u8"));
      Path log = dir.resolve("encoder.log");
      Process encoder = EncoderProcess.start(env, log.toFile());
      try {
        String base = "http://127.0.0.1:" + port;
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> status(base).get("sourceConnected").asBoolean());
        try (TsCapture reader = new TsCapture(base + "/live.ts", new int[] {160, 90})) {
          reader.awaitStarted(Duration.ofSeconds(15));
          await().atMost(Duration.ofSeconds(10)).until(() -> reader.pictureCount() > 30);

          long start = System.nanoTime();
          encoder.destroy(); // SIGTERM
          boolean exited = encoder.waitFor(5, TimeUnit.SECONDS);
          long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

          System.out.println("SIGTERM to exit: " + millis + " ms");
          assertThat(exited).as("exited at all").isTrue();
          // The contract says 2 s; a little slack for a loaded 2-core build machine.
          assertThat(millis).as("milliseconds from SIGTERM to exit").isLessThan(2_500);
          assertThat(encoder.exitValue()).isZero();
          await().atMost(Duration.ofSeconds(5)).until(reader::ended);
        }
        assertThat(Files.readString(log)).doesNotContain("Exception");
      } finally {
        encoder.destroyForcibly();
      }
    }
  }

  @Test
  void aBadOverlayPngIsAConfigurationErrorWithExitCodeTwoAndAReadableStatus() throws Exception {
    Path notPng = Files.writeString(dir.resolve("overlay.png"), "this is not an image");
    int port = Ports.freeTcp();
    Map<String, String> env = new HashMap<>(EncoderHarness.env(Map.of()));
    env.put("ONAIR_HTTP_PORT", Integer.toString(port));
    env.put("ONAIR_SOURCE_URL", "http://127.0.0.1:1/never.m3u8");
    env.put("ONAIR_OVERLAY_FILE", notPng.toString());
    Path log = dir.resolve("bad-png.log");
    Process encoder = EncoderProcess.start(env, log.toFile());
    try {
      // /status tells the operator why, for the moment before the process exits.
      JsonNode status =
          await()
              .atMost(Duration.ofSeconds(15))
              .ignoreExceptions()
              .until(
                  () -> status("http://127.0.0.1:" + port),
                  s -> s.get("state").asText().equals("Failed"));
      assertThat(status.get("state").asText()).isEqualTo("Failed");
      assertThat(status.get("lastError").asText())
          .contains("ONAIR_OVERLAY_FILE")
          .contains("is not a PNG image");

      assertThat(encoder.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(encoder.exitValue()).isEqualTo(2);
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).contains("ONAIR_OVERLAY_FILE " + notPng + " is not a PNG image");
      assertThat(lines.get(0)).doesNotContain("Exception");
    } finally {
      encoder.destroyForcibly();
    }
  }

  @Test
  void aBadVariableExitsWithCodeTwoNamingIt() throws Exception {
    Map<String, String> env = new HashMap<>(EncoderHarness.env(Map.of()));
    env.put("ONAIR_SOURCE_URL", "http://127.0.0.1:1/never.m3u8");
    env.put("ONAIR_VIDEO_FPS", "fast");
    Path log = dir.resolve("bad-var.log");
    Process encoder = EncoderProcess.start(env, log.toFile());
    try {
      assertThat(encoder.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(encoder.exitValue()).isEqualTo(2);
      assertThat(Files.readAllLines(log))
          .singleElement()
          .asString()
          .contains("ONAIR_VIDEO_FPS must be a number");
    } finally {
      encoder.destroyForcibly();
    }
  }

  private static JsonNode status(String base) throws Exception {
    return JSON.readTree(Http.get(base + "/status").body());
  }
}
