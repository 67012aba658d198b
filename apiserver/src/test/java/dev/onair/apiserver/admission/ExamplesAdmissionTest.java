package dev.onair.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.apiserver.ResourceType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesAdmissionTest {
  private static final Map<String, ResourceType> TYPES = Crds.types();

  static Stream<Crds.Example> onAirExamples() {
    return Stream.of("livestreams", "endpoints", "restreams")
        .flatMap(folder -> Crds.examples(folder).stream())
        .filter(example -> TYPES.containsKey(example.kind()));
  }

  @ParameterizedTest
  @MethodSource("onAirExamples")
  void everyExampleIsAdmittedAsWrittenWithNothingPruned(Crds.Example example) {
    Admission admission = Admission.of(TYPES.get(example.kind()));
    var manifest = example.manifest().deepCopy();

    List<String> pruned = admission.prune(manifest);
    List<FieldError> errors = admission.validate(manifest, null);

    assertThat(pruned).isEmpty();
    assertThat(manifest).isEqualTo(example.manifest());
    assertThat(errors).extracting(FieldError::message).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("onAirExamples")
  void anUnchangedExampleIsAdmittedAsAnUpdate(Crds.Example example) {
    Admission admission = Admission.of(TYPES.get(example.kind()));

    assertThat(admission.validate(example.manifest(), example.manifest().deepCopy()))
        .extracting(FieldError::message)
        .isEmpty();
  }

  @org.junit.jupiter.api.Test
  void theExamplesHoldEveryOnAirKind() {
    assertThat(onAirExamples().map(Crds.Example::kind).distinct())
        .containsExactlyInAnyOrder("LiveStream", "Endpoint", "Restream");
  }
}
