package dev.onair.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.operator.TestApiServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;

/**
 * The scale benchmark in its smoke mode, in every build: tiny sizes, so that it keeps running and
 * printing its table as the operator changes. Its numbers are not measurements and nothing here
 * judges speed; the run and the ratio line are what is checked.
 */
@QuarkusTest
@TestProfile(ScaleProfile.class)
@WithTestResource(
    value = TestApiServer.class,
    initArgs =
        @ResourceArg(
            name = TestApiServer.NAMESPACES,
            value = OperatorScaleBenchmark.NS + ",baseline"))
class OperatorScaleBenchmarkSmokeTest extends OperatorScaleBenchmark {
  private static final Pattern RATIO =
      Pattern.compile("\\| burst create → pod p99 / baseline p99 \\| (\\d+(?:\\.\\d+)?) × \\|.*");

  @Override
  Sizes sizes() {
    return Sizes.smoke();
  }

  @AfterEach
  void printedEveryRowAndTheRatioToTheBaseline() {
    assertThat(rows()).hasSizeGreaterThanOrEqualTo(20);
    Matcher ratio =
        rows().stream()
            .map(RATIO::matcher)
            .filter(Matcher::matches)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ratio line in " + rows()));
    assertThat(Double.parseDouble(ratio.group(1))).isFinite().isPositive();
    assertThat(rows()).anyMatch(r -> r.startsWith("| writes during the idle window |"));
  }
}
