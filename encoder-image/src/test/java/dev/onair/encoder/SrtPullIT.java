package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.encoder.support.EncoderHarness;
import dev.onair.encoder.support.Http;
import dev.onair.encoder.support.Ports;
import dev.onair.encoder.support.TsCapture;
import dev.onair.testmedia.SrtPusher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An srt:// pull source behind an encrypted SRT listener (the bundled ffmpeg CLI, as a studio
 * gateway would be): the encoder calls it with the passphrase from its mounted file.
 */
class SrtPullIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSPHRASE = "studio-gateway-secret-42";

  @TempDir Path dir;

  @Test
  void pullsFromAnEncryptedListenerWithThePassphraseFileAndNeverShowsIt() throws Exception {
    int port = Ports.freeUdp();
    Process listener = listen(port, PASSPHRASE, dir.resolve("listener.log"));
    try (EncoderHarness encoder = EncoderHarness.start(env(port, PASSPHRASE));
        TsCapture capture = new TsCapture(encoder.url("/live.ts"), new int[] {160, 90})) {
      capture.awaitStarted(Duration.ofSeconds(15));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> count(capture) >= 60 && status(encoder).get("sourceConnected").asBoolean());
      String status = Http.get(encoder.url("/status")).body();
      assertThat(status).doesNotContain(PASSPHRASE);
      assertThat(JSON.readTree(status).get("state").asText()).isEqualTo("Live");
    } finally {
      listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aListenerWithAnotherPassphraseNeverDeliversTheSource() throws Exception {
    int port = Ports.freeUdp();
    Process listener = listen(port, "a-different-passphrase", dir.resolve("listener.log"));
    try (EncoderHarness encoder = EncoderHarness.start(env(port, PASSPHRASE))) {
      // The output runs (on the fallback picture) while the source is refused.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> status(encoder).get("frames").asLong() > 0);
      Thread.sleep(8_000);
      String body = Http.get(encoder.url("/status")).body();
      assertThat(body).doesNotContain(PASSPHRASE);
      JsonNode status = JSON.readTree(body);
      assertThat(status.get("sourceConnected").asBoolean()).isFalse();
      assertThat(status.get("state").asText()).isIn("Starting", "SourceLost");
    } finally {
      listener.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private Map<String, String> env(int port, String passphrase) throws Exception {
    Path file = Files.writeString(dir.resolve("passphrase"), passphrase + "\n");
    return Map.of(
        "ONAIR_SOURCE_KIND",
        "pull",
        "ONAIR_SOURCE_URL",
        "srt://127.0.0.1:" + port + "?mode=caller&connect_timeout=2000",
        "ONAIR_SRT_PASSPHRASE_FILE",
        file.toString(),
        "ONAIR_RECONNECT_MAX_SECONDS",
        "1");
  }

  /** A blue picture with a tone, served by an SRT listener that only lets in {@code passphrase}. */
  private static Process listen(int port, String passphrase, Path log) throws Exception {
    return SrtPusher.listen(port, passphrase, log.toFile());
  }

  private static JsonNode status(EncoderHarness encoder) throws Exception {
    return JSON.readTree(Http.get(encoder.url("/status")).body());
  }

  private static int count(TsCapture capture) {
    return (int) capture.pictures().stream().filter(p -> SourceLossIT.blue(p.rgb()[0])).count();
  }
}
