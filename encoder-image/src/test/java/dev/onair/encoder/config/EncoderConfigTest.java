package dev.onair.encoder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderConfigTest {
  @TempDir Path dir;

  private static EncoderConfig read(Map<String, String> env) throws ConfigException {
    Map<String, String> all = new HashMap<>();
    all.put("ONAIR_SOURCE_URL", "https://cdn.example.com/live.m3u8");
    all.putAll(env);
    return EncoderConfig.fromEnv(all);
  }

  @Test
  void defaultsAreThoseOfThePodContract() throws Exception {
    EncoderConfig config = read(Map.of());
    assertThat(config.sourceKind()).isEqualTo(SourceKind.PULL);
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.httpBind()).isEqualTo("0.0.0.0");
    assertThat(config.srtListenAddress()).isEqualTo("0.0.0.0");
    assertThat(config.caFile()).isEqualTo(Path.of("/etc/ssl/certs/ca-certificates.crt"));
    assertThat(config.srtListenPort()).isEqualTo(9000);
    assertThat(config.width()).isEqualTo(1280);
    assertThat(config.height()).isEqualTo(720);
    assertThat(config.fps()).isEqualTo(30.0);
    assertThat(config.videoBitrateKbps()).isEqualTo(3000);
    assertThat(config.maxrateKbps()).isEqualTo(3000);
    assertThat(config.bufsizeKbits()).isEqualTo(6000);
    assertThat(config.preset()).isEqualTo("veryfast");
    assertThat(config.profile()).isEqualTo("high");
    assertThat(config.level()).isEmpty();
    assertThat(config.keyframeSeconds()).isEqualTo(2.0);
    assertThat(config.gopFrames()).isEqualTo(60);
    assertThat(config.audioBitrateKbps()).isEqualTo(128);
    assertThat(config.audioSampleRate()).isEqualTo(48000);
    assertThat(config.thumbnailIntervalSeconds()).isEqualTo(60);
    assertThat(config.thumbnailWidth()).isEqualTo(320);
    assertThat(config.thumbnailHeight()).isEqualTo(180);
    assertThat(config.stallTimeoutSeconds()).isEqualTo(5);
    assertThat(config.reconnectMaxSeconds()).isEqualTo(30);
    assertThat(config.overlay()).isEmpty();
    assertThat(config.slateFile()).isEmpty();
    assertThat(config.realtime()).isTrue();
  }

  @Test
  void overlaySettingsAreReadWithTheirDefaults() throws Exception {
    OverlaySettings overlay =
        read(Map.of("ONAIR_OVERLAY_FILE", "/etc/onair/overlay/overlay.png"))
            .overlay()
            .orElseThrow();
    assertThat(overlay.position()).isEqualTo(OverlayPosition.TOP_RIGHT);
    assertThat(overlay.margin()).isEqualTo(24);
    assertThat(overlay.scale()).isEqualTo(1.0);
    assertThat(overlay.opacity()).isEqualTo(1.0);
    assertThat(
            read(Map.of("ONAIR_OVERLAY_FILE", "/x.png", "ONAIR_OVERLAY_POSITION", "bottom-left"))
                .overlay()
                .orElseThrow()
                .position())
        .isEqualTo(OverlayPosition.BOTTOM_LEFT);
  }

  @Test
  void gopFollowsFpsAndKeyframeSeconds() throws Exception {
    assertThat(read(Map.of("ONAIR_VIDEO_FPS", "60", "ONAIR_KEYFRAME_SECONDS", "1")).gopFrames())
        .isEqualTo(60);
    assertThat(read(Map.of("ONAIR_VIDEO_FPS", "25")).gopFrames()).isEqualTo(50);
  }

  @Test
  void thumbnailsFollowThePicturesShapeWithTheLongerSideAtMost320() throws Exception {
    EncoderConfig fourByThree =
        read(Map.of("ONAIR_VIDEO_WIDTH", "640", "ONAIR_VIDEO_HEIGHT", "480"));
    assertThat(fourByThree.thumbnailWidth()).isEqualTo(320);
    assertThat(fourByThree.thumbnailHeight()).isEqualTo(240);
    EncoderConfig tiny = read(Map.of("ONAIR_VIDEO_WIDTH", "256", "ONAIR_VIDEO_HEIGHT", "144"));
    assertThat(tiny.thumbnailWidth()).isEqualTo(256);
    assertThat(tiny.thumbnailHeight()).isEqualTo(144);
    EncoderConfig portrait =
        read(Map.of("ONAIR_VIDEO_WIDTH", "1080", "ONAIR_VIDEO_HEIGHT", "1920"));
    assertThat(portrait.thumbnailWidth()).isEqualTo(180);
    assertThat(portrait.thumbnailHeight()).isEqualTo(320);
    assertThatThrownBy(() -> read(Map.of("ONAIR_THUMBNAIL_WIDTH", "640")))
        .hasMessageContaining("ONAIR_THUMBNAIL_WIDTH");
  }

  @Test
  void errorsNameTheVariable() {
    assertThatThrownBy(() -> EncoderConfig.fromEnv(Map.of()))
        .hasMessage("ONAIR_SOURCE_URL is required");
    assertThatThrownBy(() -> read(Map.of("ONAIR_VIDEO_WIDTH", "641")))
        .hasMessageContaining("ONAIR_VIDEO_WIDTH");
    assertThatThrownBy(() -> read(Map.of("ONAIR_VIDEO_FPS", "0")))
        .hasMessageStartingWith("ONAIR_VIDEO_FPS must be between");
    assertThatThrownBy(() -> read(Map.of("ONAIR_SOURCE_KIND", "rtsp")))
        .hasMessage("ONAIR_SOURCE_KIND must be one of pull, srt-push, youtube, got 'rtsp'");
    assertThatThrownBy(
            () -> read(Map.of("ONAIR_OVERLAY_FILE", "/x.png", "ONAIR_OVERLAY_POSITION", "left")))
        .hasMessageStartingWith("ONAIR_OVERLAY_POSITION must be one of");
    assertThatThrownBy(() -> read(Map.of("ONAIR_AUDIO_SAMPLE_RATE", "32000")))
        .hasMessageContaining("ONAIR_AUDIO_SAMPLE_RATE");
    assertThatThrownBy(() -> read(Map.of("ONAIR_VIDEO_PRESET", "warp")))
        .hasMessageStartingWith("ONAIR_VIDEO_PRESET must be one of");
    assertThatThrownBy(() -> read(Map.of("ONAIR_VIDEO_LEVEL", "high")))
        .hasMessageStartingWith("ONAIR_VIDEO_LEVEL");
  }

  @Test
  void srtPushNeedsNoUrlAndReadsThePassphraseFile() throws Exception {
    Path file = Files.writeString(dir.resolve("passphrase"), "a-long-enough-secret\n");
    EncoderConfig config =
        EncoderConfig.fromEnv(
            Map.of("ONAIR_SOURCE_KIND", "srt-push", "ONAIR_SRT_PASSPHRASE_FILE", file.toString()));
    assertThat(config.srtPassphrase()).hasValue("a-long-enough-secret");
  }

  @Test
  void aShortOrMissingPassphraseFileIsAnErrorThatNamesTheFileButNotTheSecret() throws Exception {
    Path file = Files.writeString(dir.resolve("passphrase"), "short");
    assertThatThrownBy(
            () ->
                EncoderConfig.fromEnv(
                    Map.of(
                        "ONAIR_SOURCE_KIND",
                        "srt-push",
                        "ONAIR_SRT_PASSPHRASE_FILE",
                        file.toString())))
        .hasMessage("ONAIR_SRT_PASSPHRASE_FILE " + file + " must hold 10 to 79 characters")
        .message()
        .doesNotContain("short\"");
    assertThatThrownBy(
            () ->
                EncoderConfig.fromEnv(
                    Map.of(
                        "ONAIR_SOURCE_KIND",
                        "srt-push",
                        "ONAIR_SRT_PASSPHRASE_FILE",
                        dir.resolve("nope").toString())))
        .hasMessageStartingWith(
            "ONAIR_SRT_PASSPHRASE_FILE " + dir.resolve("nope") + " cannot be read");
  }

  @Test
  void anSrtPullReadsThePassphraseFileAndAnyOtherPullRefusesOne() throws Exception {
    Path file = Files.writeString(dir.resolve("passphrase"), "a-long-enough-secret\n");
    EncoderConfig config =
        EncoderConfig.fromEnv(
            Map.of(
                "ONAIR_SOURCE_KIND",
                "pull",
                "ONAIR_SOURCE_URL",
                "srt://studio.example.com:9000?mode=caller",
                "ONAIR_SRT_PASSPHRASE_FILE",
                file.toString()));
    assertThat(config.srtPassphrase()).hasValue("a-long-enough-secret");
    assertThatThrownBy(
            () ->
                EncoderConfig.fromEnv(
                    Map.of(
                        "ONAIR_SOURCE_KIND",
                        "pull",
                        "ONAIR_SOURCE_URL",
                        "https://cdn.example.com/live.m3u8",
                        "ONAIR_SRT_PASSPHRASE_FILE",
                        file.toString())))
        .hasMessage(
            "ONAIR_SRT_PASSPHRASE_FILE is set but the source is not SRT (srt-push or srt://)");
  }
}
