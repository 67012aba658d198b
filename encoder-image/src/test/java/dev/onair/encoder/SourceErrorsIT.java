package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.encoder.config.ConfigException;
import dev.onair.encoder.support.EncoderHarness;
import dev.onair.encoder.support.Http;
import dev.onair.encoder.support.Ports;
import dev.onair.encoder.support.TsCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors a user can act on: an unreachable source, a damaged overlay. */
class SourceErrorsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void anUnreachableSourceIsReportedWhileTheOutputRunsOnBlack() throws Exception {
    int closedPort = Ports.freeTcp();
    String source = "http://user:secret@127.0.0.1:" + closedPort + "/live/key123.m3u8?token=abc";
    try (EncoderHarness encoder = EncoderHarness.start(Map.of("ONAIR_SOURCE_URL", source));
        TsCapture capture = new TsCapture(encoder.url("/live.ts"), new int[] {160, 90})) {
      capture.awaitStarted(Duration.ofSeconds(15));
      await().atMost(Duration.ofSeconds(10)).until(() -> capture.pictureCount() >= 30);
      // No slate file configured: black pictures.
      assertThat(capture.pictures())
          .allSatisfy(
              p -> assertThat(java.util.Arrays.stream(p.rgb()[0]).max().getAsInt()).isLessThan(24));

      JsonNode status = JSON.readTree(Http.get(encoder.url("/status")).body());
      assertThat(status.get("state").asText()).isEqualTo("SourceLost");
      assertThat(status.get("sourceConnected").asBoolean()).isFalse();
      assertThat(status.get("slateActive").asBoolean()).isTrue();
      assertThat(status.get("lastError").asText())
          .isEqualTo("cannot open source http://127.0.0.1:" + closedPort + ": Connection refused")
          .doesNotContain("secret", "key123", "token");
      assertThat(Http.get(encoder.url("/healthz")).statusCode()).isEqualTo(200);
      assertThat(Http.get(encoder.url("/readyz")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aTruncatedPngIsRefusedAtStartupNamingTheFile() throws Exception {
    Path png = dir.resolve("logo.png");
    byte[] signatureOnly = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    Files.write(png, signatureOnly);
    assertThatThrownBy(
            () ->
                EncoderHarness.start(
                    Map.of(
                        "ONAIR_SOURCE_URL",
                        "http://127.0.0.1:1/x.m3u8",
                        "ONAIR_OVERLAY_FILE",
                        png.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ONAIR_OVERLAY_FILE " + png + " is a damaged PNG image");
  }

  @Test
  void aMissingOverlayFileIsRefusedAtStartupNamingTheFile() {
    Path missing = dir.resolve("nope.png");
    assertThatThrownBy(
            () ->
                EncoderHarness.start(
                    Map.of(
                        "ONAIR_SOURCE_URL",
                        "http://127.0.0.1:1/x.m3u8",
                        "ONAIR_OVERLAY_FILE",
                        missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ONAIR_OVERLAY_FILE " + missing + " cannot be read");
  }
}
