package dev.onair.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The CEL side of admission on small inline schemas: what the OnAir CRDs do not show. */
class CelRulesTest {
  private static final Admission ADMISSION =
      Admission.of(
          Crds.yaml(
              """
              type: object
              x-kubernetes-validations:
                - rule: "self.metadata.name.startsWith('s-')"
                  message: name must start with s-
              properties:
                spec:
                  type: object
                  x-kubernetes-validations:
                    - rule: self.replicas <= self.maxReplicas
                      messageExpression: "'replicas ' + string(self.replicas) + ' above ' + string(self.maxReplicas)"
                    - rule: self.mode != 'Off' || !has(self.schedule)
                      fieldPath: .schedule
                      reason: FieldValueForbidden
                      message: a schedule needs a mode
                    - rule: self.tags.all(t, t.size() < 5)
                  properties:
                    class:
                      type: string
                      x-kubernetes-validations:
                        - rule: self == oldSelf
                          message: class is immutable
                    replicas:
                      type: integer
                      x-kubernetes-validations:
                        - rule: self >= oldSelf
                          messageExpression: "'replicas may only grow, from ' + string(oldSelf)"
                    maxReplicas: {type: integer}
                    mode: {type: string}
                    schedule: {type: string}
                    tags:
                      type: array
                      x-kubernetes-list-type: set
                      items: {type: string}
                    ratio:
                      type: number
                      x-kubernetes-validations:
                        - rule: self < 1.0
                    ports:
                      type: array
                      x-kubernetes-list-type: map
                      x-kubernetes-list-map-keys: [name]
                      items:
                        type: object
                        properties:
                          name: {type: string}
                          port:
                            type: integer
                            x-kubernetes-validations:
                              - rule: self == oldSelf
                                message: a port keeps its number
                    labels:
                      type: object
                      additionalProperties:
                        type: string
                        x-kubernetes-validations:
                          - rule: self.size() <= 3
                    version:
                      type: integer
                      x-kubernetes-validations:
                        - rule: "!oldSelf.hasValue() || self > oldSelf.value()"
                          optionalOldSelf: true
                          message: version must grow
              """));

  private static ObjectNode object(String spec) {
    return Crds.yaml("apiVersion: x/v1\nkind: Thing\nmetadata: {name: s-one}\nspec: " + spec);
  }

  private static String messages(ObjectNode object, ObjectNode old) {
    return InvalidStatus.aggregate(ADMISSION.validate(object, old));
  }

  @Test
  void transitionRulesAreSkippedOnCreateAndCheckedAgainstTheOldValueOnUpdate() {
    ObjectNode old = object("{class: gold, replicas: 3, maxReplicas: 5, tags: []}");

    assertThat(ADMISSION.validate(old, null)).isEmpty();
    assertThat(messages(object("{class: silver, replicas: 2, maxReplicas: 5, tags: []}"), old))
        .isEqualTo(
            "[spec.class: Invalid value: \"string\": class is immutable, spec.replicas: Invalid"
                + " value: \"integer\": replicas may only grow, from 3]");
    assertThat(
            ADMISSION.validate(object("{class: gold, replicas: 4, maxReplicas: 5, tags: []}"), old))
        .isEmpty();
  }

  @Test
  void aFieldNewOnUpdateHasNoOldSelfSoItsTransitionRuleIsSkipped() {
    ObjectNode old = object("{replicas: 3, maxReplicas: 5, tags: []}");

    assertThat(
            ADMISSION.validate(object("{class: any, replicas: 3, maxReplicas: 5, tags: []}"), old))
        .isEmpty();
  }

  @Test
  void itemsOfAMapListCorrelateByKey() {
    ObjectNode old =
        object(
            "{replicas: 1, maxReplicas: 1, tags: [], ports: [{name: http, port: 80}, {name: https, port: 443}]}");

    assertThat(
            messages(
                object(
                    "{replicas: 1, maxReplicas: 1, tags: [], ports: [{name: https, port: 8443}, {name: http, port: 80}]}"),
                old))
        .isEqualTo("spec.ports[0].port: Invalid value: \"integer\": a port keeps its number");
  }

  @Test
  void optionalOldSelfRulesRunOnCreateWithNoOldValue() {
    assertThat(
            ADMISSION.validate(object("{version: 1, replicas: 1, maxReplicas: 1, tags: []}"), null))
        .isEmpty();
    assertThat(
            messages(
                object("{version: 1, replicas: 1, maxReplicas: 1, tags: []}"),
                object("{version: 2, replicas: 1, maxReplicas: 1, tags: []}")))
        .isEqualTo("spec.version: Invalid value: \"integer\": version must grow");
  }

  @Test
  void messageExpressionFieldPathReasonAndTheDefaultMessage() {
    assertThat(
            messages(
                object(
                    "{replicas: 6, maxReplicas: 5, mode: 'Off', schedule: daily, tags: [toolong]}"),
                null))
        .isEqualTo(
            "[spec: Invalid value: \"object\": replicas 6 above 5, spec.schedule: Forbidden: a"
                + " schedule needs a mode, spec: Invalid value: \"object\": failed rule:"
                + " self.tags.all(t, t.size() < 5)]");
  }

  @Test
  void aRuleOnTheRootSeesNameAndReportsUnderNoField() {
    ObjectNode object = object("{replicas: 1, maxReplicas: 1, tags: []}");
    object.with("metadata").put("name", "other");

    assertThat(messages(object, null))
        .isEqualTo("<nil>: Invalid value: \"object\": name must start with s-");
  }

  @Test
  void anAbsentFieldFailsTheRuleWithCelsNoSuchKey() {
    assertThat(messages(object("{replicas: 1, tags: []}"), null))
        .isEqualTo(
            "spec: Invalid value: \"object\": no such key: maxReplicas evaluating rule:"
                + " self.replicas <= self.maxReplicas");
  }

  @Test
  void numbersAreDoublesAndMapValuesArePathedByKey() {
    assertThat(
            messages(
                object("{replicas: 1, maxReplicas: 1, tags: [], ratio: 1, labels: {team: news}}"),
                null))
        .isEqualTo(
            "[spec.ratio: Invalid value: \"number\": failed rule: self < 1.0,"
                + " spec.labels[team]: Invalid value: \"string\": failed rule: self.size() <= 3]");
  }

  @Test
  void setDuplicatesAreReportedAndDoNotStopTheRules() {
    assertThat(messages(object("{replicas: 1, maxReplicas: 1, tags: [a, b, a, a]}"), null))
        .isEqualTo("spec.tags[2]: Duplicate value: \"a\"");
    assertThat(
            messages(
                object(
                    "{replicas: 1, maxReplicas: 1, tags: [], ports: [{name: a, port: 1}, {name: a, port: 2}]}"),
                null))
        .isEqualTo("spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"a\"}");
  }

  @Test
  void anUnchangedInvalidValueIsLetThroughOnUpdateButNotOnceChanged() {
    ObjectNode old = object("{replicas: 9, maxReplicas: 5, tags: []}");

    assertThat(ADMISSION.validate(old, null)).isNotEmpty();
    assertThat(ADMISSION.validate(old.deepCopy(), old)).isEmpty();
    assertThat(messages(object("{replicas: 9, maxReplicas: 4, tags: []}"), old))
        .isEqualTo("spec: Invalid value: \"object\": replicas 9 above 4");
  }

  @Test
  void aRuleThatDoesNotCompileRefusesTheSchema() {
    assertThatThrownBy(
            () ->
                Admission.of(
                    Crds.yaml(
                        "type: object\nproperties: {spec: {type: object, x-kubernetes-validations: [{rule: 'self.'}]}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec");
  }

  @Test
  void kubernetesListAndRegexFunctionsEvaluate() {
    Admission admission =
        Admission.of(
            Crds.yaml(
                """
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                      - rule: self.n.isSorted() && self.n.sum() == 6 && self.n.max() == 3 && self.n.min() == 1
                      - rule: self.s.find('[0-9]+') == '42' && self.s.findAll('[a-z]') == ['a', 'b']
                      - rule: self.n.indexOf(2) == 1 && self.s.lowerAscii() == self.s
                      - rule: self.n.exists_one(x, x == 2) && self.s.matches('^a')
                    properties:
                      n: {type: array, items: {type: integer}}
                      s: {type: string}
                """));

    assertThat(admission.validate(Crds.yaml("spec: {n: [1, 2, 3], s: a42b}"), null)).isEmpty();
    assertThat(admission.validate(Crds.yaml("spec: {n: [3, 2, 1], s: a42b}"), null))
        .extracting(FieldError::message)
        .containsExactly(
            "spec: Invalid value: \"object\": failed rule: self.n.isSorted() && self.n.sum() == 6"
                + " && self.n.max() == 3 && self.n.min() == 1");
  }
}
