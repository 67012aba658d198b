package dev.onair.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CRDs committed under crds/ (and the chart's copies) must be exactly what the API model
 * generates. Run with {@code -Donair.updateCrds=true} to rewrite them after changing the model.
 */
class CommittedCrdsTest {
  static final List<Path> COPIES =
      List.of(CrdFiles.REPO_ROOT.resolve("crds"), CrdFiles.REPO_ROOT.resolve("helm/onair/crds"));

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws Exception {
    Map<String, String> generated = CrdFiles.generate(Path.of("target/generated-crds"));
    assertThat(generated).hasSize(3);
    for (Path copy : COPIES) {
      if (Boolean.getBoolean("onair.updateCrds")) {
        Files.createDirectories(copy);
        for (var e : generated.entrySet()) {
          Files.writeString(copy.resolve(e.getKey()), e.getValue());
        }
      }
      assertThat(CrdFiles.read(copy))
          .as(
              "%s is stale: run ./mvnw -pl operator test -Dtest=CommittedCrdsTest"
                  + " -Donair.updateCrds=true and commit the result",
              CrdFiles.REPO_ROOT.relativize(copy))
          .isEqualTo(generated);
    }
  }
}
