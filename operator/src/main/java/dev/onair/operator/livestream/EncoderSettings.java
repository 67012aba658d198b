package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.AudioSpec;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.OverlaySpec;
import dev.onair.api.v1alpha1.VideoSpec;
import dev.onair.contract.EncoderEnv;
import dev.onair.contract.PodPorts;
import java.util.Optional;

/**
 * A LiveStream's spec with the operator's defaults filled in. Defaults live here, never in the CRD
 * schema or the stored spec, so GitOps tools see no drift.
 */
public record EncoderSettings(
    int width,
    int height,
    int fps,
    int bitrateKbps,
    int maxrateKbps,
    int bufsizeKbits,
    String preset,
    String profile,
    String level,
    int keyframeSeconds,
    int audioBitrateKbps,
    int audioSampleRate,
    int thumbnailIntervalSeconds,
    int stallTimeoutSeconds) {

  public static final int DEFAULT_SRT_PORT = PodPorts.SRT;

  /** Resolves the effective settings of a spec. */
  public static EncoderSettings of(LiveStreamSpec spec) {
    VideoSpec v = Optional.ofNullable(spec.video).orElseGet(VideoSpec::new);
    AudioSpec a = Optional.ofNullable(spec.audio).orElseGet(AudioSpec::new);
    int bitrate = or(v.bitrateKbps, 3000);
    return new EncoderSettings(
        or(v.width, 1280),
        or(v.height, 720),
        or(v.fps, 30),
        bitrate,
        or(v.maxrateKbps, bitrate),
        or(v.bufsizeKbits, 2 * bitrate),
        v.preset == null ? "veryfast" : v.preset.name(),
        v.profile == null ? "high" : v.profile.name(),
        v.level == null ? "" : v.level,
        or(v.keyframeSeconds, 2),
        or(a.bitrateKbps, 128),
        or(a.sampleRate, 48000),
        or(spec.thumbnailIntervalSeconds, EncoderEnv.DEFAULT_THUMBNAIL_INTERVAL_SECONDS),
        spec.source == null ? 5 : or(spec.source.stallTimeoutSeconds, 5));
  }

  /** The profile as people say it, e.g. {@code 1280x720@30 3000k}; shown as a printer column. */
  public String label() {
    return width + "x" + height + "@" + fps + " " + bitrateKbps + "k";
  }

  /** The overlay position as the encoder's contract spells it. */
  static String position(OverlaySpec.Position position) {
    return switch (position == null ? OverlaySpec.Position.TopRight : position) {
      case TopLeft -> "top-left";
      case TopRight -> "top-right";
      case BottomLeft -> "bottom-left";
      case BottomRight -> "bottom-right";
      case Center -> "center";
    };
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
