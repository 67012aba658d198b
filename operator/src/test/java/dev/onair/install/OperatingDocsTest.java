package dev.onair.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.RestreamPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/operating.md explains every phase, condition type and reason a person can meet in a status:
 * a reason added to the operator without a line in the doc fails here.
 */
class OperatingDocsTest {
  /** Where the operator sets phases, condition types and reasons (LiveStreamStatusFactory…). */
  static final List<String> SOURCES =
      List.of(
          "livestream/EncoderLifecycle.java",
          "livestream/LiveStreamValidator.java",
          "livestream/LiveStreamStatusFactory.java",
          "restream/RestreamReconciler.java",
          "restream/RestreamStatusFactory.java",
          "endpoint/EndpointValidator.java",
          "endpoint/EndpointReconciler.java",
          "common/KeyedData.java");

  /** CamelCase literals in those files that are not reasons: kind names, condition statuses. */
  static final Set<String> NOT_REASONS =
      Set.of("Endpoint", "Restream", "LiveStream", "Secret", "ConfigMap", "True", "False");

  private static final Pattern CAMEL_CASE_LITERAL = Pattern.compile("\"([A-Z][A-Za-z]+)\"");

  @Test
  void everyPhaseConditionAndReasonIsExplained() throws IOException {
    String doc = Files.readString(RepoFiles.root().resolve("docs/operating.md"));
    Set<String> words = new TreeSet<>();
    Path main = RepoFiles.root().resolve("operator/src/main/java/dev/onair/operator");
    for (String source : SOURCES) {
      Matcher m = CAMEL_CASE_LITERAL.matcher(Files.readString(main.resolve(source)));
      while (m.find()) {
        words.add(m.group(1));
      }
    }
    words.removeAll(NOT_REASONS);
    Stream.of(LiveStreamPhase.values(), RestreamPhase.values())
        .flatMap(Arrays::stream)
        .forEach(p -> words.add(p.name()));
    assertThat(words).as("reasons found in the operator").hasSizeGreaterThan(30);
    assertThat(words.stream().filter(w -> !doc.contains("`" + w + "`")).toList())
        .as("phases, conditions and reasons missing from docs/operating.md")
        .isEmpty();
  }
}
