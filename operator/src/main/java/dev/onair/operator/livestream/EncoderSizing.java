package dev.onair.operator.livestream;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;

/**
 * Sizes an encoder pod from its video profile. CPU grows with the pixel rate (width × height ×
 * fps), but less than linearly, and with the x264 preset's cost. Fitted to the encoder benchmark's
 * real-time figures at preset veryfast with the overlay on (docs/benchmarks.md): 360p30 0.16,
 * 480p30 0.22, 720p30 0.44, 720p60 0.62, 1080p30 0.67, 1080p60 1.39 cores; the fit is within ±12%
 * of each, and {@code bench/run-all} reports the error per profile.
 */
public final class EncoderSizing {
  /** Cores at the 720p30 pixel rate, preset veryfast (the fit's scale). */
  static final double CORES_AT_720P30 = 0.41;

  /** How CPU scales with the pixel rate (the fit's exponent, log-log least squares). */
  static final double PIXEL_RATE_EXPONENT = 0.72;

  private static final double PIXELS_720P30 = 1280.0 * 720 * 30;
  // Relative to veryfast; only veryfast is measured here, the others follow x264's preset speeds.
  private static final Map<String, Double> PRESET_COST =
      Map.of(
          "ultrafast", 0.55,
          "superfast", 0.75,
          "veryfast", 1.0,
          "faster", 1.5,
          "fast", 1.9,
          "medium", 2.4);

  private EncoderSizing() {}

  /** Expected real-time CPU in cores for these settings. */
  public static double expectedCores(EncoderSettings s) {
    double pixelRate = (double) s.width() * s.height() * s.fps() / PIXELS_720P30;
    return CORES_AT_720P30
        * Math.pow(pixelRate, PIXEL_RATE_EXPONENT)
        * PRESET_COST.getOrDefault(s.preset(), 1.0);
  }

  /**
   * Requests what the stream needs at real time; the limit leaves 50% headroom for scene changes
   * and source catch-up, because a throttled encoder drops frames on air.
   */
  public static ResourceRequirements resources(EncoderSettings s) {
    double cores = expectedCores(s);
    long requestMillis = Math.max(100, Math.round(cores * 1000 / 10) * 10);
    long limitMillis = Math.round(requestMillis * 1.5 / 10) * 10;
    long pixels = (long) s.width() * s.height();
    // JVM + natives (~200 MiB) plus frame buffers and x264 lookahead, which scale with frame size.
    long memoryMi = 320 + Math.round(pixels * 1.5 * 40 / (1024 * 1024));
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(requestMillis + "m"))
        .addToRequests("memory", new Quantity(memoryMi + "Mi"))
        .addToLimits("cpu", new Quantity(limitMillis + "m"))
        .addToLimits("memory", new Quantity(memoryMi * 2 + "Mi"))
        .build();
  }
}
