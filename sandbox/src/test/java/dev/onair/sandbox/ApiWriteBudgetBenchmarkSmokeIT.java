package dev.onair.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API write budget benchmark in its smoke mode, in every build: one moving and one still
 * stream, real encoders and relays, a 15 s window. Too short to judge the budget (a thumbnail is
 * written once a minute); it proves the benchmark still runs and prints every row.
 */
class ApiWriteBudgetBenchmarkSmokeIT {
  @Test
  void runsAtTinySizesAndPrintsEveryStreamsWritesBesideTheGoal() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<String> rows;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      rows = ApiWriteBudgetBenchmark.run(ApiWriteBudgetBenchmark.Sizes.smoke(), out);
    }
    System.out.print(printed.toString(StandardCharsets.UTF_8));

    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("| measure | value | goal | ratio |");
    assertThat(rows)
        .anyMatch(
            r ->
                r.matches(
                    "\\| moving-0: bytes written per minute \\| \\d+ bytes \\| ≤ 20480 bytes \\| \\d+\\.\\d+ of goal \\|"))
        .anyMatch(
            r ->
                r.matches(
                    "\\| still: status writes per minute \\| \\d+ writes \\| ≤ 0 writes \\| (met|MISSED) \\|"))
        .anyMatch(r -> r.startsWith("| still: what changed in its statuses |"));
    assertThat(rows).hasSize(7);
  }
}
