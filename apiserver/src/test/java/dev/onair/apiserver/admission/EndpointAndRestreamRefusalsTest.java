package dev.onair.apiserver.admission;

import static dev.onair.apiserver.admission.Refusals.BLOCKED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.ResourceType;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the Endpoint and Restream CRDs refuses a manifest that breaks it. */
class EndpointAndRestreamRefusalsTest {
  private static final Map<String, ResourceType> TYPES = Crds.types();
  private static final Map<String, ObjectNode> BASES =
      Map.of(
          "Endpoint",
          Crds.yaml(
              """
              apiVersion: streaming.onair.dev/v1alpha1
              kind: Endpoint
              metadata: {name: yt}
              spec: {platform: youtube, url: 'rtmp://a.rtmp.youtube.com/live2'}
              """),
          "Restream",
          Crds.yaml(
              """
              apiVersion: streaming.onair.dev/v1alpha1
              kind: Restream
              metadata: {name: everywhere}
              spec:
                liveStreamRef: {name: news}
                endpointRefs: [{name: youtube}]
              """));

  static Stream<Arguments> refusals() {
    String endpoint = "Endpoint.streaming.onair.dev \"yt\" is invalid: ";
    String restream = "Restream.streaming.onair.dev \"everywhere\" is invalid: ";
    return Stream.of(
        Arguments.of(
            "Endpoint",
            "spec: {platform: facebook, url: 'rtmp://live-api-s.facebook.com/rtmp'}",
            endpoint + "spec: Invalid value: \"object\": url: Facebook accepts rtmps:// only"),
        Arguments.of(
            "Endpoint",
            "spec: {platform: facebook, url: 'rtmps://live-api-s.facebook.com/rtmp'}",
            null),
        Arguments.of(
            "Endpoint",
            "spec: {platform: custom, url: 'rtmp://ingest.example.com/live',"
                + " passphraseSecretRef: {name: p, key: k}}",
            endpoint + "spec: Invalid value: \"object\": passphraseSecretRef needs an srt:// url"),
        Arguments.of(
            "Endpoint",
            "spec: {platform: custom, url: 'srt://ingest.example.com:9000?passphrase=abcdefghijk'}",
            endpoint
                + "spec: Invalid value: \"object\": url: move the SRT passphrase out of the URL into"
                + " passphraseSecretRef"),
        Arguments.of(
            "Endpoint",
            "spec: {platform: custom, url: 'srt://ingest.example.com:9000?latency=200',"
                + " passphraseSecretRef: {name: p, key: k}}",
            null),
        Arguments.of(
            "Endpoint",
            "spec: {platform: tiktok}",
            endpoint
                + "[spec.platform: Unsupported value: \"tiktok\": supported values: \"custom\","
                + " \"facebook\", \"twitch\", \"x\", \"youtube\", "
                + BLOCKED
                + "]"),
        Arguments.of(
            "Endpoint",
            "spec: {url: 'https://a.rtmp.youtube.com/live2'}",
            endpoint
                + "spec.url: Invalid value: \"https://a.rtmp.youtube.com/live2\": spec.url in body"
                + " should match '^(rtmps?|srt)://[^\\s]+$'"),
        Arguments.of(
            "Endpoint",
            "spec: {url: null, platform: null}",
            endpoint
                + "[spec.platform: Required value, spec.url: Required value, "
                + BLOCKED
                + "]"),
        Arguments.of(
            "Endpoint",
            "spec: {streamKeySecretRef: {key: streamKey}}",
            endpoint + "[spec.streamKeySecretRef.name: Required value, " + BLOCKED + "]"),
        Arguments.of(
            "Endpoint",
            "spec: {url: 1935}",
            endpoint
                + "[spec.url: Invalid value: \"integer\": spec.url in body must be of type string:"
                + " \"integer\", "
                + BLOCKED
                + "]"),
        Arguments.of(
            "Restream",
            "spec: {endpointRefs: null}",
            restream
                + "spec: Invalid value: \"object\": set endpointRefs, endpointSelector or both"),
        Arguments.of(
            "Restream",
            "spec: {endpointRefs: []}",
            restream
                + "spec: Invalid value: \"object\": set endpointRefs, endpointSelector or both"),
        Arguments.of(
            "Restream",
            "spec: {endpointRefs: null, endpointSelector: {matchLabels: {onair.dev/network: social}}}",
            null),
        Arguments.of(
            "Restream",
            "spec: {liveStreamRef: null}",
            restream + "[spec.liveStreamRef: Required value, " + BLOCKED + "]"),
        Arguments.of(
            "Restream",
            "spec: {liveStreamRef: {name: null, namespace: other}}",
            restream + "[spec.liveStreamRef.name: Required value, " + BLOCKED + "]"),
        Arguments.of(
            "Restream",
            "spec: {endpointRefs: [{name: youtube}, {namespace: other}]}",
            restream + "[spec.endpointRefs[1].name: Required value, " + BLOCKED + "]"),
        Arguments.of(
            "Restream",
            "spec: {maxOutputsPerRelay: 0}",
            restream
                + "spec.maxOutputsPerRelay: Invalid value: 0: spec.maxOutputsPerRelay in body should"
                + " be greater than or equal to 1"),
        Arguments.of(
            "Restream",
            "spec: {maxOutputsPerRelay: 25}",
            restream
                + "spec.maxOutputsPerRelay: Invalid value: 25: spec.maxOutputsPerRelay in body should"
                + " be less than or equal to 24"),
        Arguments.of(
            "Restream",
            "spec: {state: Paused}",
            restream
                + "[spec.state: Unsupported value: \"Paused\": supported values: \"Running\","
                + " \"Stopped\", "
                + BLOCKED
                + "]"),
        Arguments.of(
            "Restream",
            "spec: {endpointSelector: {matchLabels: {onair.dev/network: 5}}}",
            restream
                + "[spec.endpointSelector.matchLabels.onair.dev/network: Invalid value: \"integer\":"
                + " spec.endpointSelector.matchLabels.onair.dev/network in body must be of type"
                + " string: \"integer\", "
                + BLOCKED
                + "]"),
        Arguments.of(
            "Restream",
            "status: {phase: Broken}",
            restream
                + "[status.phase: Unsupported value: \"Broken\": supported values: \"Degraded\","
                + " \"Failed\", \"Live\", \"Starting\", \"Stopped\", \"Waiting\", "
                + BLOCKED
                + "]"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("refusals")
  void theCrdRefusesAManifestThatBreaksItsRule(String kind, String patch, String expected) {
    ObjectNode status =
        Refusals.status(TYPES.get(kind), Refusals.merged(BASES.get(kind), Crds.yaml(patch)));

    if (expected == null) {
      assertThat(status).isNull();
    } else {
      assertThat(status).isNotNull();
      assertThat(status.path("message").asText()).isEqualTo(expected);
    }
  }
}
