package dev.onair.operator.livestream;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.Map;

/**
 * Sizes an encoder pod from its video profile: CPU grows with pixels per second and with the x264
 * preset's cost. Calibrated from the encoder benchmark (docs/benchmarks.md): 720p30 at veryfast
 * needs about half a core paced to real time.
 */
public final class EncoderSizing {
  /** Measured real-time cores for 1280x720 at 30 fps, veryfast preset, overlay on. */
  static final double CORES_720P30_VERYFAST = 0.50;

  /** Decode, audio and HTTP cost that does not scale with output pixels. */
  static final double FIXED_CORES = 0.05;

  private static final double PIXELS_720P30 = 1280.0 * 720 * 30;
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
    return FIXED_CORES
        + (CORES_720P30_VERYFAST - FIXED_CORES)
            * pixelRate
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
