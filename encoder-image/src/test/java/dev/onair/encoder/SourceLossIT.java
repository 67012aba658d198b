package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.encoder.support.EncoderHarness;
import dev.onair.encoder.support.Http;
import dev.onair.encoder.support.Ports;
import dev.onair.encoder.support.TsCapture;
import dev.onair.encoder.support.TsCapture.Picture;
import dev.onair.encoder.support.TsCapture.Sound;
import dev.onair.testmedia.SrtPusher;
import dev.onair.testmedia.TestImages;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An SRT push source (like OBS) that dies mid-stream and comes back. */
class SourceLossIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSPHRASE = "correct-horse-battery";

  @TempDir Path dir;

  private Map<String, String> env(int srtPort) throws Exception {
    Path passphrase = Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
    Path slate = TestImages.solidPng(dir.resolve("slate.png"), 320, 180, Color.GREEN);
    return Map.of(
        "ONAIR_SOURCE_KIND",
        "srt-push",
        "ONAIR_SRT_LISTEN_PORT",
        Integer.toString(srtPort),
        "ONAIR_SRT_PASSPHRASE_FILE",
        passphrase.toString(),
        "ONAIR_SLATE_FILE",
        slate.toString(),
        "ONAIR_STALL_TIMEOUT_SECONDS",
        "2",
        "ONAIR_RECONNECT_MAX_SECONDS",
        "1");
  }

  @Test
  void showsTheSlateWhileTheSourceIsGoneAndSwitchesBackWithContinuousTimestamps() throws Exception {
    int srtPort = Ports.freeUdp();
    try (EncoderHarness encoder = EncoderHarness.start(env(srtPort));
        TsCapture capture = new TsCapture(encoder.url("/live.ts"), new int[] {160, 90})) {
      capture.awaitStarted(Duration.ofSeconds(15));
      // Before any source: the slate, and the output already runs.
      await().atMost(Duration.ofSeconds(10)).until(() -> count(capture, SourceLossIT::green) >= 30);
      assertThat(status(encoder).get("slateActive").asBoolean()).isTrue();

      Process pusher = connect(encoder, srtPort);
      int blueBefore = count(capture, SourceLossIT::blue);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> count(capture, SourceLossIT::blue) >= blueBefore + 60);

      pusher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      int greenBefore = count(capture, SourceLossIT::green);
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> count(capture, SourceLossIT::green) >= greenBefore + 60);
      JsonNode lost = status(encoder);
      assertThat(lost.get("slateActive").asBoolean()).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !status(encoder).get("sourceConnected").asBoolean());
      assertThat(status(encoder).get("state").asText()).isEqualTo("SourceLost");

      Process again = connect(encoder, srtPort);
      int blueAfter = count(capture, SourceLossIT::blue);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> count(capture, SourceLossIT::blue) >= blueAfter + 60);
      // Asked while the source still pushes: once it is killed, Live ends whenever the encoder
      // notices, and a slow status request on a loaded machine could land after that.
      assertThat(status(encoder).get("state").asText()).isEqualTo("Live");
      again.destroyForcibly().waitFor(5, TimeUnit.SECONDS);

      List<Picture> pictures = capture.pictures();
      // Source, slate, source again: in that order within one uninterrupted stream.
      String runs = runs(pictures);
      assertThat(runs).contains("BGB");
      // Every frame follows the previous one by exactly one frame interval: no gap, no jump.
      for (int i = 1; i < pictures.size(); i++) {
        assertThat(pictures.get(i).timestampUs() - pictures.get(i - 1).timestampUs())
            .as("timestamp step at picture %d", i)
            .isBetween(30_000L, 37_000L);
      }
      // Audio runs on through the loss as well (silence under the slate).
      List<Sound> sounds = capture.sounds();
      for (int i = 1; i < sounds.size(); i++) {
        assertThat(sounds.get(i).timestampUs() - sounds.get(i - 1).timestampUs())
            .as("audio timestamp step at frame %d", i)
            .isBetween(15_000L, 30_000L);
      }
    }
  }

  @Test
  void refusesAPushWithTheWrongPassphrase() throws Exception {
    int srtPort = Ports.freeUdp();
    try (EncoderHarness encoder = EncoderHarness.start(env(srtPort))) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> status(encoder).get("frames").asLong() > 0);
      Path log = dir.resolve("wrong.log");
      Process pusher = SrtPusher.start(srtPort, "not-the-right-one", log.toFile());
      try {
        assertThat(pusher.waitFor(20, TimeUnit.SECONDS)).as("pusher gives up").isTrue();
        assertThat(pusher.exitValue()).isNotZero();
      } finally {
        pusher.destroyForcibly();
      }
      JsonNode status = status(encoder);
      assertThat(status.get("sourceConnected").asBoolean()).isFalse();
      assertThat(status.get("slateActive").asBoolean()).isTrue();
      assertThat(status.get("state").asText()).isIn("Starting", "SourceLost");
    }
  }

  /** Starts a pusher, retrying while the listener is between sessions. */
  private Process connect(EncoderHarness encoder, int srtPort) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int attempt = 0;
    while (System.nanoTime() < deadline) {
      Process pusher =
          SrtPusher.start(srtPort, PASSPHRASE, dir.resolve("push-" + attempt++ + ".log").toFile());
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
      while (pusher.isAlive() && System.nanoTime() < until) {
        if (status(encoder).get("sourceConnected").asBoolean()) {
          return pusher;
        }
        Thread.sleep(100);
      }
      pusher.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    throw new AssertionError("the SRT push never connected");
  }

  private static JsonNode status(EncoderHarness encoder) throws Exception {
    return JSON.readTree(Http.get(encoder.url("/status")).body());
  }

  private static int count(TsCapture capture, java.util.function.Predicate<int[]> colour) {
    return (int) capture.pictures().stream().filter(p -> colour.test(p.rgb()[0])).count();
  }

  /** B for source pictures, G for slate pictures, runs collapsed: e.g. "GBGB". */
  private static String runs(List<Picture> pictures) {
    StringBuilder runs = new StringBuilder();
    for (Picture p : pictures) {
      char c = blue(p.rgb()[0]) ? 'B' : green(p.rgb()[0]) ? 'G' : '?';
      if (c != '?' && (runs.length() == 0 || runs.charAt(runs.length() - 1) != c)) {
        runs.append(c);
      }
    }
    return runs.toString();
  }

  static boolean blue(int[] rgb) {
    return rgb[2] > 170 && rgb[0] < 90 && rgb[1] < 120;
  }

  static boolean green(int[] rgb) {
    return rgb[1] > 200 && rgb[0] < 60 && rgb[2] < 60;
  }
}
