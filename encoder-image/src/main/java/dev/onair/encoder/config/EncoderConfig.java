package dev.onair.encoder.config;

import dev.onair.contract.EncoderEnv;
import dev.onair.contract.Mounts;
import dev.onair.contract.PodEnv;
import dev.onair.contract.PodPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the encoder is told, read once at startup from env vars and mounted files. */
public record EncoderConfig(
    String httpBind,
    int httpPort,
    Path caFile,
    SourceKind sourceKind,
    String sourceUrl,
    String srtListenAddress,
    int srtListenPort,
    Optional<String> srtPassphrase,
    Optional<OverlaySettings> overlay,
    Optional<Path> slateFile,
    int width,
    int height,
    double fps,
    int videoBitrateKbps,
    int maxrateKbps,
    int bufsizeKbits,
    String preset,
    String profile,
    String level,
    double keyframeSeconds,
    int audioBitrateKbps,
    int audioSampleRate,
    int thumbnailIntervalSeconds,
    int thumbnailWidth,
    int thumbnailHeight,
    int stallTimeoutSeconds,
    int reconnectMaxSeconds,
    boolean realtime) {

  static final List<String> PRESETS =
      List.of(
          "ultrafast",
          "superfast",
          "veryfast",
          "faster",
          "fast",
          "medium",
          "slow",
          "slower",
          "veryslow");

  /** Frames between two keyframes. */
  public int gopFrames() {
    return Math.max(1, (int) Math.round(fps * keyframeSeconds));
  }

  /** Reads the configuration; a ConfigException message names the variable or file at fault. */
  public static EncoderConfig fromEnv(Map<String, String> environment) throws ConfigException {
    Env env = new Env(environment);
    SourceKind kind =
        env.choice(
            EncoderEnv.SOURCE_KIND, SourceKind.PULL, SourceKind::parse, "pull, srt-push, youtube");
    String url = kind == SourceKind.SRT_PUSH ? "" : env.required(EncoderEnv.SOURCE_URL);
    int width = env.integer(EncoderEnv.VIDEO_WIDTH, 1280, 64, 7680);
    int height = env.integer(EncoderEnv.VIDEO_HEIGHT, 720, 64, 4320);
    if (width % 2 != 0 || height % 2 != 0) {
      throw new ConfigException(
          EncoderEnv.VIDEO_WIDTH + " and " + EncoderEnv.VIDEO_HEIGHT + " must be even numbers");
    }
    int bitrate = env.integer(EncoderEnv.VIDEO_BITRATE_KBPS, 3000, 100, 100_000);
    String preset = env.string(EncoderEnv.VIDEO_PRESET, "veryfast");
    if (!PRESETS.contains(preset)) {
      throw new ConfigException(
          EncoderEnv.VIDEO_PRESET + " must be one of " + PRESETS + ", got " + preset);
    }
    String profile =
        env.choice(
            EncoderEnv.VIDEO_PROFILE, "high", EncoderConfig::profile, "baseline, main, high");
    String level = env.string(EncoderEnv.VIDEO_LEVEL, "");
    if (!level.isEmpty() && !level.matches("[1-6](\\.[0-2])?")) {
      throw new ConfigException(
          EncoderEnv.VIDEO_LEVEL + " must look like 4.1, got '" + level + "'");
    }
    int sampleRate = env.integer(EncoderEnv.AUDIO_SAMPLE_RATE, 48000, 44100, 48000);
    if (sampleRate != 44100 && sampleRate != 48000) {
      throw new ConfigException(EncoderEnv.AUDIO_SAMPLE_RATE + " must be 44100 or 48000");
    }
    // The longer side is at most MAX_THUMBNAIL_WIDTH, so a portrait stream is no larger than a
    // landscape one; the shorter side follows the picture's shape.
    double scale = Math.min(1.0, (double) EncoderEnv.MAX_THUMBNAIL_WIDTH / Math.max(width, height));
    int thumbnailWidth =
        env.integer(
            EncoderEnv.THUMBNAIL_WIDTH,
            evenAtLeast16(Math.round(width * scale)),
            16,
            EncoderEnv.MAX_THUMBNAIL_WIDTH);
    int thumbnailHeight =
        env.integer(
            EncoderEnv.THUMBNAIL_HEIGHT,
            Math.min(
                EncoderEnv.MAX_THUMBNAIL_WIDTH,
                evenAtLeast16((long) thumbnailWidth * height / width)),
            16,
            EncoderEnv.MAX_THUMBNAIL_WIDTH);
    return new EncoderConfig(
        env.string(PodEnv.HTTP_BIND, "0.0.0.0"),
        env.integer(PodEnv.HTTP_PORT, PodPorts.HTTP, 0, 65535),
        env.path(PodEnv.CA_FILE).orElse(Path.of(Mounts.DEFAULT_CA_FILE)),
        kind,
        url,
        env.string(EncoderEnv.SRT_LISTEN_ADDRESS, "0.0.0.0"),
        env.integer(EncoderEnv.SRT_LISTEN_PORT, PodPorts.SRT, 1, 65535),
        passphrase(env, kind, url),
        overlay(env),
        env.path(EncoderEnv.SLATE_FILE),
        width,
        height,
        env.decimal(EncoderEnv.VIDEO_FPS, 30.0, 1.0, 120.0),
        bitrate,
        env.integer(EncoderEnv.VIDEO_MAXRATE_KBPS, bitrate, 100, 200_000),
        env.integer(EncoderEnv.VIDEO_BUFSIZE_KBITS, 2 * bitrate, 100, 400_000),
        preset,
        profile,
        level,
        env.decimal(EncoderEnv.KEYFRAME_SECONDS, 2.0, 0.5, 10.0),
        env.integer(EncoderEnv.AUDIO_BITRATE_KBPS, 128, 32, 512),
        sampleRate,
        env.integer(
            EncoderEnv.THUMBNAIL_INTERVAL_SECONDS,
            EncoderEnv.DEFAULT_THUMBNAIL_INTERVAL_SECONDS,
            1,
            3600),
        thumbnailWidth,
        thumbnailHeight,
        env.integer(EncoderEnv.STALL_TIMEOUT_SECONDS, 5, 1, 600),
        env.integer(PodEnv.RECONNECT_MAX_SECONDS, 30, 1, 3600),
        env.bool(EncoderEnv.REALTIME, true));
  }

  // Scalers want even sizes; a thumbnail smaller than 16 px shows nothing.
  private static int evenAtLeast16(long size) {
    return (int) Math.max(16, size / 2 * 2);
  }

  private static String profile(String value) {
    if (!List.of("baseline", "main", "high").contains(value)) {
      throw new IllegalArgumentException(value);
    }
    return value;
  }

  private static Optional<String> passphrase(Env env, SourceKind kind, String url)
      throws ConfigException {
    Optional<Path> file = env.path(EncoderEnv.SRT_PASSPHRASE_FILE);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    boolean srt =
        kind == SourceKind.SRT_PUSH
            || (kind == SourceKind.PULL && url.regionMatches(true, 0, "srt://", 0, 6));
    if (!srt) {
      // A passphrase that would be silently ignored means the source is not what was meant.
      throw new ConfigException(
          EncoderEnv.SRT_PASSPHRASE_FILE
              + " is set but the source is not SRT (srt-push or srt://)");
    }
    String passphrase;
    try {
      passphrase = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(
          EncoderEnv.SRT_PASSPHRASE_FILE + " " + file.get() + " cannot be read: " + e.getMessage());
    }
    if (passphrase.length() < 10 || passphrase.length() > 79) {
      throw new ConfigException(
          EncoderEnv.SRT_PASSPHRASE_FILE + " " + file.get() + " must hold 10 to 79 characters");
    }
    return Optional.of(passphrase);
  }

  private static Optional<OverlaySettings> overlay(Env env) throws ConfigException {
    Optional<Path> file = env.path(EncoderEnv.OVERLAY_FILE);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new OverlaySettings(
            file.get(),
            env.choice(
                EncoderEnv.OVERLAY_POSITION,
                OverlayPosition.TOP_RIGHT,
                OverlayPosition::parse,
                "top-left, top-right, bottom-left, bottom-right, center"),
            env.integer(EncoderEnv.OVERLAY_MARGIN, 24, 0, 4000),
            env.decimal(EncoderEnv.OVERLAY_SCALE, 1.0, 0.01, 10.0),
            env.decimal(EncoderEnv.OVERLAY_OPACITY, 1.0, 0.0, 1.0)));
  }
}
