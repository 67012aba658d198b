package dev.onair.bench;

import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.SourceSpec;
import dev.onair.api.v1alpha1.VideoSpec;
import dev.onair.operator.livestream.EncoderSettings;
import dev.onair.operator.livestream.EncoderSizing;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the CPU the operator requests for each encoder profile with the CPU the encoder
 * benchmark measured at real time, and reports the error (goal: within ±25%). Reads the benchmark's
 * printed table: {@code bench/run-all} saves it to {@code encoder-image/target/bench/encoder.txt}.
 */
public final class SizingCheck {
  private static final Pattern ROW =
      Pattern.compile(
          "^\\| (\\S+) \\| (\\d+)x(\\d+) \\| (\\d+) kb/s \\| [\\d.]+ \\| ([\\d.]+) \\|$");
  private static final Pattern FPS = Pattern.compile("p(\\d+)$");

  private SizingCheck() {}

  public static void main(String[] args) throws Exception {
    Path table = Path.of(args.length > 0 ? args[0] : "../encoder-image/target/bench/encoder.txt");
    if (!Files.exists(table)) {
      System.err.println(
          "No encoder benchmark output at "
              + table
              + ": run bench/run-all (or the encoder bench).");
      System.exit(2);
    }
    System.out.println("| profile | measured cores | requested cores | error | within ±25% |");
    System.out.println("| --- | --- | --- | --- | --- |");
    int rows = 0;
    int outside = 0;
    for (String line : Files.readAllLines(table)) {
      Matcher m = ROW.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      Matcher fps = FPS.matcher(m.group(1));
      if (!fps.find()) {
        continue;
      }
      LiveStreamSpec spec = new LiveStreamSpec();
      spec.source = new SourceSpec();
      spec.video = new VideoSpec();
      spec.video.width = Integer.parseInt(m.group(2));
      spec.video.height = Integer.parseInt(m.group(3));
      spec.video.fps = Integer.parseInt(fps.group(1));
      spec.video.bitrateKbps = Integer.parseInt(m.group(4));
      double measured = Double.parseDouble(m.group(5));
      double requested =
          Quantity.getAmountInBytes(
                  EncoderSizing.resources(EncoderSettings.of(spec)).getRequests().get("cpu"))
              .doubleValue();
      double error = (requested - measured) / measured;
      boolean ok = Math.abs(error) <= 0.25;
      rows++;
      outside += ok ? 0 : 1;
      System.out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %+.0f%% | %s |%n",
          m.group(1),
          measured,
          requested,
          error * 100,
          ok ? "yes" : "NO");
    }
    if (rows == 0) {
      System.err.println("No profile rows found in " + table);
      System.exit(2);
    }
    System.out.printf("%d of %d profiles within ±25%%%n", rows - outside, rows);
  }
}
