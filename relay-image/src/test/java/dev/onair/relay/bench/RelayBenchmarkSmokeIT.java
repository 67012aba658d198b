package dev.onair.relay.bench;

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
 * Runs the relay benchmark in its smoke mode (1 and 2 outputs) so a change that breaks it fails the
 * build instead of the next measurement. Asserts that every figure was produced, never how fast or
 * cheap anything was.
 */
class RelayBenchmarkSmokeIT {
  private static final String TABLE_HEADER = "| N | relay total | relay per output |";

  @TempDir Path dir;

  @Test
  void smokeRunPrintsARowPerOutputCountWithFiniteCpuRatiosForRelayAndCli() throws Exception {
    String output = run(RelayBenchmark.Settings.smoke());

    assertThat(output).as(output).contains(TABLE_HEADER);
    String table = output.substring(output.indexOf(TABLE_HEADER));
    for (int n : new int[] {1, 2}) {
      Matcher row =
          Pattern.compile(
                  "\\| +"
                      + n
                      + " \\| *(\\S+)% \\| *(\\S+)% \\| *(\\S+)% \\| *(\\S+)% \\| (\\S+) \\|"
                      + " *(\\S+) / *(\\S+) \\| (\\S+) / (\\S+) \\|")
              .matcher(table);
      assertThat(row.find()).as("a row for N=%d in:%n%s", n, output).isTrue();
      // relay total and per output, CLI total and per output, relay/CLI, fps of both, RSS of both
      for (int group = 1; group <= 9; group++) {
        assertFinitePositive(row.group(group), output);
      }
    }
  }

  private String run(RelayBenchmark.Settings settings) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      RelayBenchmark.run(settings, dir, out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(output); // the smoke figures, for whoever reads the build log
    return output;
  }

  private static void assertFinitePositive(String figure, String output) {
    assertThat(figure).as("a number in:%n%s", output).matches("-?[0-9]+(\\.[0-9]+)?");
    assertThat(Double.parseDouble(figure)).as("a figure in:%n%s", output).isPositive();
  }
}
