package dev.onair.encoder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the encoder benchmark in its smoke mode so a change that breaks it fails the build instead
 * of the next measurement. Asserts that every figure was produced, never how fast anything was.
 */
class EncoderBenchmarkSmokeIT {
  /** A printed figure: digits, or whatever a broken division printed instead (NaN, Infinity). */
  private static final String FIGURE = "(\\S+?)";

  @TempDir Path work;

  @Test
  void smokeRunPrintsSideBySideRatiosAndACoresRowWithFinitePositiveFigures() throws Exception {
    String output = run(EncoderBenchmark.Settings.smoke());

    Matcher round =
        find(
            output,
            "round 1: CLI "
                + FIGURE
                + " fps "
                + FIGURE
                + " CPU-ms/frame \\| encoder "
                + FIGURE
                + " fps "
                + FIGURE
                + " CPU-ms/frame");
    for (int group = 1; group <= 4; group++) {
      assertFinitePositive(round.group(group), output);
    }
    Matcher ratios =
        find(
            output,
            "360p30 side by side \\(median of 1\\): CLI "
                + FIGURE
                + " fps, encoder "
                + FIGURE
                + " fps -> fps ratio "
                + FIGURE
                + "; CPU-seconds ratio \\(encoder/CLI\\) "
                + FIGURE
                + " \\(");
    for (int group = 1; group <= 4; group++) {
      assertFinitePositive(ratios.group(group), output);
    }
    Matcher row = find(output, "\\| 360p30 \\| 640x360 \\| 1000 kb/s \\| (\\S+) \\| (\\S+) \\|");
    assertFinitePositive(row.group(1), output);
    assertFinitePositive(row.group(2), output);
  }

  private String run(EncoderBenchmark.Settings settings) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      EncoderBenchmark.run(settings, work, out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(output); // the smoke figures, for whoever reads the build log
    return output;
  }

  private static Matcher find(String output, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(output);
    assertThat(matcher.find()).as("a line matching %s in:%n%s", regex, output).isTrue();
    return matcher;
  }

  private static void assertFinitePositive(String figure, String output) {
    assertThat(figure).as("a number in:%n%s", output).matches("-?[0-9]+(\\.[0-9]+)?");
    assertThat(Double.parseDouble(figure)).as("a figure in:%n%s", output).isPositive();
  }
}
