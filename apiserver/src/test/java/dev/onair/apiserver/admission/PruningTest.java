package dev.onair.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PruningTest {
  private static final Admission RESTREAM = Admission.of(Crds.types().get("Restream"));

  @Test
  void unknownFieldsAreRemovedAndReportedAsKubeWarnsOfThem() {
    ObjectNode restream =
        Crds.yaml(
            """
            apiVersion: streaming.onair.dev/v1alpha1
            kind: Restream
            metadata: {name: r, labels: {a: b}}
            extra: 1
            spec:
              liveStreamRef: {name: news, uid: x}
              endpointRefs: [{name: a}, {name: b, weight: 2}]
              endpointSelector: {matchLabels: {team: news}}
              foo: {bar: 1}
            status: {phase: Live, extra: true}
            """);

    assertThat(RESTREAM.prune(restream))
        .containsExactly(
            "extra",
            "spec.liveStreamRef.uid",
            "spec.endpointRefs[1].weight",
            "spec.foo",
            "status.extra");
    assertThat(restream)
        .isEqualTo(
            Crds.yaml(
                """
                apiVersion: streaming.onair.dev/v1alpha1
                kind: Restream
                metadata: {name: r, labels: {a: b}}
                spec:
                  liveStreamRef: {name: news}
                  endpointRefs: [{name: a}, {name: b}]
                  endpointSelector: {matchLabels: {team: news}}
                status: {phase: Live}
                """));
  }

  @Test
  void nullsTheSchemaDoesNotAllowAreDroppedWithoutAWarning() {
    ObjectNode restream =
        Crds.yaml(
            """
            apiVersion: streaming.onair.dev/v1alpha1
            kind: Restream
            metadata: {name: r}
            spec: {liveStreamRef: {name: news}, endpointRefs: [{name: a}], state: null}
            """);

    assertThat(RESTREAM.prune(restream)).isEmpty();
    assertThat(restream.path("spec").has("state")).isFalse();
    assertThat(RESTREAM.validate(restream, null)).isEmpty();
  }

  @Test
  void aPreserveUnknownFieldsSubtreeAndAnEmbeddedResourceKeepWhatTheyMayKeep() {
    Admission admission =
        Admission.of(
            Crds.yaml(
                """
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      config:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                        properties:
                          known: {type: object, properties: {a: {type: string}}}
                      template:
                        type: object
                        x-kubernetes-embedded-resource: true
                        properties:
                          spec: {type: object, properties: {image: {type: string}}}
                      nullable: {type: string, nullable: true}
                """));
    ObjectNode object =
        Crds.yaml(
            """
            apiVersion: x/v1
            kind: Thing
            metadata: {name: t}
            spec:
              config: {anything: [1, {deep: true}], known: {a: x, b: y}}
              template:
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {image: nginx, hostNetwork: true}
                status: {}
              nullable: null
            """);

    assertThat(admission.prune(object))
        .containsExactly(
            "spec.config.known.b", "spec.template.spec.hostNetwork", "spec.template.status");
    assertThat(object.path("spec").path("config").path("anything").toString())
        .isEqualTo("[1,{\"deep\":true}]");
    assertThat(object.path("spec").path("template").path("kind").asText()).isEqualTo("Pod");
    assertThat(object.path("spec").path("template").path("metadata").path("name").asText())
        .isEqualTo("p");
    assertThat(object.path("spec").has("nullable")).isTrue();
  }

  @Test
  void anEmbeddedResourceWithoutApiVersionOrKindIsRefused() {
    Admission admission =
        Admission.of(
            Crds.yaml(
                """
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
                """));

    assertThat(admission.validate(Crds.yaml("spec: {template: {kind: Pod}}"), null))
        .extracting(FieldError::message)
        .containsExactly("spec.template.apiVersion: Required value: must not be empty");
  }
}
