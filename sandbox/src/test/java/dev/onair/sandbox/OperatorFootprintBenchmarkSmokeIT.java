package dev.onair.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator footprint benchmark in its smoke mode, in every build: ten streams and seconds of
 * waiting, so that it keeps running and printing its table as the operator changes. Its numbers are
 * not measurements and nothing here judges them; the run and its ratio lines are checked.
 */
class OperatorFootprintBenchmarkSmokeIT {
  private static final String UNRELATED = "100 Secrets + 100 ConfigMaps of 4 KB in 5 namespaces";
  private static final Pattern AGAINST_GOAL =
      Pattern.compile(
          "\\| (.+) \\| (-?\\d+) (MiB|ms) \\| ≤ \\d+ \\3 \\| (-?\\d+\\.\\d+) of goal \\|");

  @Test
  void runsAtTinySizesAndPrintsEveryMeasureBesideItsGoal() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> rows;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      rows = OperatorFootprintBenchmark.run(OperatorFootprintBenchmark.Sizes.smoke(), out);
    }
    System.out.print(printed.toString(StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("| measure | value | goal | ratio |");
    assertThat(rows).hasSize(12);
    List<Matcher> againstGoal =
        rows.stream().map(AGAINST_GOAL::matcher).filter(Matcher::matches).toList();
    assertThat(againstGoal)
        .extracting(m -> m.group(1))
        .containsExactly(
            "operator RSS at 10 streams (after GC)",
            "at 10 streams: create → encoder pod, max of 3",
            "at 10 streams: stop → pod deleted, max of 3",
            "cost of " + UNRELATED + ": heap",
            "cost of " + UNRELATED + ": RSS");
    // A cost can be zero or, after a GC, negative; the other measures are positive.
    assertThat(againstGoal).allSatisfy(m -> assertThat(Double.parseDouble(m.group(4))).isFinite());
    assertThat(againstGoal.subList(0, 3))
        .allSatisfy(m -> assertThat(Double.parseDouble(m.group(4))).isPositive());
    assertThat(rows)
        .anyMatch(r -> r.startsWith("| writes during a 2 s idle window at 10 streams |"));
  }
}
