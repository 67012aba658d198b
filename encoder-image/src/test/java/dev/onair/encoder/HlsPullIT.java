package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.encoder.source.SourceResolver;
import dev.onair.encoder.support.EncoderHarness;
import dev.onair.encoder.support.Http;
import dev.onair.encoder.support.StaticHttpServer;
import dev.onair.encoder.support.TsCapture;
import dev.onair.encoder.support.TsCapture.Picture;
import dev.onair.encoder.support.TsCapture.Sound;
import dev.onair.testmedia.TestClips;
import dev.onair.testmedia.TestImages;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A generated clip served as HLS from a local HTTP server, encoded, read back from /live.ts. */
class HlsPullIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Source: 25 fps, a blue picture; output: 640x360 at 30 fps with a red 48x32 logo scaled 1.5x.
  private static final int[] LOGO = {624 - 36, 16 + 24};
  private static final int[][] ELSEWHERE = {{40, 40}, {40, 320}, {600, 320}, {320, 180}};

  @TempDir static Path dir;
  private static StaticHttpServer cdn;

  @BeforeAll
  static void serveClips() throws Exception {
    Files.createDirectories(dir.resolve("av"));
    Files.createDirectories(dir.resolve("video-only"));
    TestClips.hlsClip(dir.resolve("av"), "0x3050C8", 320, 180, 25, 12, true);
    TestClips.hlsClip(dir.resolve("video-only"), "0x3050C8", 320, 180, 30, 12, false);
    cdn = new StaticHttpServer(dir);
  }

  @AfterAll
  static void stop() {
    if (cdn != null) {
      cdn.close();
    }
  }

  @Test
  void encodesTheHlsSourceWithOverlayFixedKeyframesAndAudio() throws Exception {
    Path logo = TestImages.solidPng(dir.resolve("logo.png"), 48, 32, Color.RED);
    try (EncoderHarness encoder =
        EncoderHarness.start(
            Map.of(
                "ONAIR_SOURCE_URL", cdn.url("av/index.m3u8"),
                "ONAIR_VIDEO_WIDTH", "640",
                "ONAIR_VIDEO_HEIGHT", "360",
                "ONAIR_VIDEO_FPS", "30",
                "ONAIR_OVERLAY_FILE", logo.toString(),
                "ONAIR_OVERLAY_POSITION", "top-right",
                "ONAIR_OVERLAY_MARGIN", "16",
                "ONAIR_OVERLAY_SCALE", "1.5"))) {
      awaitSourceLive(encoder);
      int[][] probes = new int[ELSEWHERE.length + 1][];
      probes[0] = LOGO;
      System.arraycopy(ELSEWHERE, 0, probes, 1, ELSEWHERE.length);
      List<Picture> pictures;
      List<Sound> sounds;
      try (TsCapture capture = new TsCapture(encoder.url("/live.ts"), probes)) {
        capture.awaitStarted(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(30)).until(() -> capture.pictureCount() >= 150);
        pictures = capture.pictures();
        sounds = capture.sounds();
        assertThat(capture.width()).isEqualTo(640);
        assertThat(capture.height()).isEqualTo(360);
        assertThat(capture.audioChannels()).isEqualTo(2);
        assertThat(capture.sampleRate()).isEqualTo(48000);
      }

      // Frame rate from the timestamps a player would use.
      double seconds =
          (pictures.get(pictures.size() - 1).timestampUs() - pictures.get(0).timestampUs()) / 1e6;
      assertThat((pictures.size() - 1) / seconds)
          .isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.3));

      // A reader joins at a keyframe, and keyframes then come exactly every 2 s (60 frames).
      assertThat(pictures.get(0).keyFrame()).isTrue();
      List<Long> keyframes = new ArrayList<>();
      for (Picture p : pictures) {
        if (p.keyFrame()) {
          keyframes.add(p.timestampUs());
        }
      }
      assertThat(keyframes).hasSizeGreaterThanOrEqualTo(3);
      for (int i = 1; i < keyframes.size(); i++) {
        assertThat(keyframes.get(i) - keyframes.get(i - 1))
            .isCloseTo(2_000_000L, org.assertj.core.data.Offset.offset(1_000L));
      }

      // The 440 Hz tone arrives as stereo AAC, in step with the pictures.
      assertThat(sounds).hasSizeGreaterThan(100);
      double loud = sounds.stream().skip(10).mapToDouble(Sound::rms).average().orElse(0);
      assertThat(loud).isGreaterThan(0.05);
      assertThat(Math.abs(sounds.get(0).timestampUs() - pictures.get(0).timestampUs()))
          .isLessThan(200_000L);

      // The logo is red in its corner; everywhere else shows the blue source.
      for (Picture p : pictures.subList(5, pictures.size())) {
        assertThat(p.rgb()[0]).satisfies(HlsPullIT::isRed);
        for (int i = 1; i < p.rgb().length; i++) {
          assertThat(p.rgb()[i]).satisfies(HlsPullIT::isSourceBlue);
        }
      }

      JsonNode status = JSON.readTree(Http.get(encoder.url("/status")).body());
      assertThat(status.get("version").asInt()).isEqualTo(1);
      assertThat(status.get("state").asText()).isEqualTo("Live");
      assertThat(status.get("sourceConnected").asBoolean()).isTrue();
      assertThat(status.get("slateActive").asBoolean()).isFalse();
      assertThat(status.get("fps").asDouble()).isBetween(25.0, 35.0);
      assertThat(status.get("bitrateKbps").asLong()).isPositive();
      assertThat(status.get("frames").asLong()).isGreaterThan(150);
      assertThat(status.get("width").asInt()).isEqualTo(640);
      assertThat(status.get("lastError").isNull()).isTrue();

      var thumbnail = Http.bytes(encoder.url("/thumbnail.jpg"));
      assertThat(thumbnail.statusCode()).isEqualTo(200);
      assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
      BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
      assertThat(thumb.getWidth()).isEqualTo(320);
      assertThat(thumb.getHeight()).isEqualTo(180);
      // The logo shows in the thumbnail too, scaled down with the picture.
      assertThat(rgb(thumb.getRGB(LOGO[0] / 2, LOGO[1] / 2))).satisfies(HlsPullIT::isRed);

      String metrics = Http.get(encoder.url("/metrics")).body();
      assertThat(metrics).contains("onair_encoder_frames_total").contains("onair_encoder_readers");
      assertThat(Http.get(encoder.url("/healthz")).statusCode()).isEqualTo(200);
      assertThat(Http.get(encoder.url("/readyz")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void addsSilentStereoAudioToASourceWithoutAudio() throws Exception {
    try (EncoderHarness encoder =
        EncoderHarness.start(Map.of("ONAIR_SOURCE_URL", cdn.url("video-only/index.m3u8")))) {
      awaitSourceLive(encoder);
      try (TsCapture capture = new TsCapture(encoder.url("/live.ts"), new int[] {160, 90})) {
        capture.awaitStarted(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(20)).until(() -> capture.pictureCount() >= 60);
        assertThat(capture.audioChannels()).isEqualTo(2);
        List<Sound> sounds = capture.sounds();
        List<Picture> pictures = capture.pictures();
        // The reader joined after the source was live: every picture is the source's, even when
        // the slate's keyframe was still in the encoder as it arrived.
        assertThat(pictures)
            .allSatisfy(p -> assertThat(p.rgb()[0]).satisfies(HlsPullIT::isSourceBlue));
        long audioUs = sounds.stream().mapToLong(Sound::samples).sum() * 1_000_000L / 48000;
        long videoUs =
            pictures.get(pictures.size() - 1).timestampUs() - pictures.get(0).timestampUs();
        // Silence covers the whole picture timeline, not just a token frame.
        assertThat(audioUs).isGreaterThan(videoUs - 500_000);
        assertThat(sounds).allSatisfy(s -> assertThat(s.rms()).isLessThan(0.001));
      }
    }
  }

  @Test
  void resolvesAYoutubeUrlThroughTheResolverOnEveryConnect() throws Exception {
    List<String> asked = new ArrayList<>();
    SourceResolver resolver =
        url -> {
          synchronized (asked) {
            asked.add(url);
          }
          return cdn.url("video-only/index.m3u8");
        };
    try (EncoderHarness encoder =
        EncoderHarness.start(
            Map.of(
                "ONAIR_SOURCE_KIND", "youtube",
                "ONAIR_SOURCE_URL", "https://www.youtube.com/watch?v=live123"),
            resolver)) {
      awaitSourceLive(encoder);
      synchronized (asked) {
        assertThat(asked).containsOnly("https://www.youtube.com/watch?v=live123");
      }
    }
  }

  private static void awaitSourceLive(EncoderHarness encoder) {
    await()
        .atMost(Duration.ofSeconds(30))
        // A reader comes the moment the source is live, while the encoder may still hold the
        // slate's last frames: the sharpest test of where a late reader starts.
        .pollInterval(Duration.ofMillis(10))
        .until(
            () ->
                JSON.readTree(Http.get(encoder.url("/status")).body())
                    .get("sourceConnected")
                    .asBoolean());
  }

  private static int[] rgb(int argb) {
    return new int[] {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF};
  }

  static void isRed(int[] rgb) {
    assertThat(rgb[0]).as("red of %s", java.util.Arrays.toString(rgb)).isGreaterThan(180);
    assertThat(rgb[1]).as("green of %s", java.util.Arrays.toString(rgb)).isLessThan(80);
    assertThat(rgb[2]).as("blue of %s", java.util.Arrays.toString(rgb)).isLessThan(80);
  }

  static void isSourceBlue(int[] rgb) {
    // 0x3050C8 after two H.264 generations and YUV round trips.
    assertThat(rgb[0]).as("red of %s", java.util.Arrays.toString(rgb)).isBetween(20, 80);
    assertThat(rgb[1]).as("green of %s", java.util.Arrays.toString(rgb)).isBetween(50, 110);
    assertThat(rgb[2]).as("blue of %s", java.util.Arrays.toString(rgb)).isGreaterThan(170);
  }
}
