package dev.onair.apiserver.admission;

import static dev.onair.apiserver.admission.Refusals.BLOCKED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.ResourceType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of the LiveStream CRD refuses a manifest that breaks it, in kube's words. */
class LiveStreamRefusalsTest {
  private static final ResourceType TYPE = Crds.types().get("LiveStream");
  private static final String INVALID = "LiveStream.streaming.onair.dev \"news\" is invalid: ";
  private static final ObjectNode BASE =
      Crds.yaml(
          """
          apiVersion: streaming.onair.dev/v1alpha1
          kind: LiveStream
          metadata:
            name: news
          spec:
            source:
              url: https://example.com/live.m3u8
          """);

  static Stream<Arguments> refusals() {
    return Stream.of(
        // x-kubernetes-validations
        refusal(
            "spec: {video: {width: 641}}",
            "spec.video.width: Invalid value: \"integer\": video.width must be even"),
        refusal(
            "spec: {video: {height: 721}}",
            "spec.video.height: Invalid value: \"integer\": video.height must be even"),
        refusal(
            "spec: {video: {bitrateKbps: 4000, maxrateKbps: 3000}}",
            "spec.video: Invalid value: \"object\": video.maxrateKbps must not be below"
                + " video.bitrateKbps"),
        refusal(
            "spec: {audio: {sampleRate: 22050}}",
            "spec.audio.sampleRate: Invalid value: \"integer\": audio.sampleRate must be 44100 or"
                + " 48000"),
        refusal(
            "spec: {overlay: {image: {configMapKeyRef: {name: a, key: b}, secretKeyRef: {name: a,"
                + " key: b}}}}",
            "spec.overlay.image: Invalid value: \"object\": set exactly one of configMapKeyRef and"
                + " secretKeyRef"),
        refusal(
            "spec: {slate: {image: {}}}",
            "spec.slate.image: Invalid value: \"object\": set exactly one of configMapKeyRef and"
                + " secretKeyRef"),
        refusal(
            "spec: {schedule: {startAt: '2026-12-24T20:00:00Z', stopAt: '2026-12-24T19:00:00Z'}}",
            "spec.schedule: Invalid value: \"object\": schedule.stopAt must be after"
                + " schedule.startAt"),
        refusal(
            "spec: {schedule: {startAt: '2026-12-24T20:00:00+01:00', stopAt:"
                + " '2026-12-24T19:30:00Z'}}",
            null),
        refusal(
            "spec: {source: {youtubeUrl: 'https://www.youtube.com/watch?v=x'}}",
            "spec.source: Invalid value: \"object\": set exactly one of source.url,"
                + " source.youtubeUrl and source.push"),
        refusal(
            "spec: {source: {passphraseSecretRef: {name: p, key: k}}}",
            "spec.source: Invalid value: \"object\": source.passphraseSecretRef needs an srt://"
                + " source.url (a push takes source.push.passphraseSecretRef)"),
        refusal(
            "spec: {source: {url: 'srt://ingest.example.com:9000?mode=caller&passphrase=abcdefghijk'}}",
            "spec.source: Invalid value: \"object\": source.url: move the SRT passphrase out of the"
                + " URL into source.passphraseSecretRef"),
        refusal(
            "spec: {source: {url: 'srt://ingest.example.com:9000?mode=caller',"
                + " passphraseSecretRef: {name: p, key: k}}}",
            null),
        refusal(
            "spec: {source: {url: null, stallTimeoutSeconds: 5}}",
            "spec.source: Invalid value: \"object\": set exactly one of source.url,"
                + " source.youtubeUrl and source.push"),
        // required
        refusal("spec: {source: null}", "[spec.source: Required value, " + BLOCKED + "]"),
        refusal(
            "spec: {overlay: {position: TopLeft}}",
            "[spec.overlay.image: Required value, " + BLOCKED + "]"),
        refusal("spec: {slate: {}}", "[spec.slate.image: Required value, " + BLOCKED + "]"),
        refusal(
            "spec: {slate: {image: {configMapKeyRef: {key: slate.png}}}}",
            "[spec.slate.image.configMapKeyRef.name: Required value, " + BLOCKED + "]"),
        refusal(
            "spec: {overlay: {image: {secretKeyRef: {name: logo}}}}",
            "[spec.overlay.image.secretKeyRef.key: Required value, " + BLOCKED + "]"),
        refusal(
            "spec: {source: {url: null, push: {port: 9000}}}",
            "[spec.source.push.protocol: Required value, " + BLOCKED + "]"),
        refusal(
            "spec: {source: {url: null, push: {protocol: srt, passphraseSecretRef: {name: p}}}}",
            "[spec.source.push.passphraseSecretRef.key: Required value, " + BLOCKED + "]"),
        // enums
        refusal(
            "spec: {state: Paused}",
            "[spec.state: Unsupported value: \"Paused\": supported values: \"Running\","
                + " \"Stopped\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {video: {preset: slow}}",
            "[spec.video.preset: Unsupported value: \"slow\": supported values: \"fast\","
                + " \"faster\", \"medium\", \"superfast\", \"ultrafast\", \"veryfast\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {video: {profile: high10}}",
            "[spec.video.profile: Unsupported value: \"high10\": supported values: \"baseline\","
                + " \"high\", \"main\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {overlay: {image: {configMapKeyRef: {name: a, key: b}}, position: Top}}",
            "[spec.overlay.position: Unsupported value: \"Top\": supported values: \"BottomLeft\","
                + " \"BottomRight\", \"Center\", \"TopLeft\", \"TopRight\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {source: {url: null, push: {protocol: rtmp}}}",
            "[spec.source.push.protocol: Unsupported value: \"rtmp\": supported values: \"srt\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {source: {url: null, push: {protocol: srt, serviceType: ExternalName}}}",
            "[spec.source.push.serviceType: Unsupported value: \"ExternalName\": supported values:"
                + " \"ClusterIP\", \"LoadBalancer\", \"NodePort\", "
                + BLOCKED
                + "]"),
        refusal(
            "status: {phase: Running}",
            "[status.phase: Unsupported value: \"Running\": supported values: \"Completed\","
                + " \"Failed\", \"Live\", \"Pending\", \"Scheduled\", \"SourceLost\", \"Starting\","
                + " \"Stopped\", "
                + BLOCKED
                + "]"),
        // patterns
        refusal(
            "spec: {source: {url: 'ftp://example.com/live'}}",
            "spec.source.url: Invalid value: \"ftp://example.com/live\": spec.source.url in body"
                + " should match '^(https?|rtmps?|srt)://[^\\s]+$'"),
        refusal(
            "spec: {source: {url: null, youtubeUrl: 'https://vimeo.com/1'}}",
            "spec.source.youtubeUrl: Invalid value: \"https://vimeo.com/1\":"
                + " spec.source.youtubeUrl in body should match"
                + " '^https://(www\\.|m\\.)?(youtube\\.com|youtu\\.be)/[^\\s]+$'"),
        refusal(
            "spec: {schedule: {startAt: tomorrow}}",
            "spec.schedule.startAt: Invalid value: \"tomorrow\": spec.schedule.startAt in body"
                + " should match"
                + " '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$'"),
        refusal(
            "spec: {schedule: {stopAt: '2026-12-24 20:00'}}",
            "spec.schedule.stopAt: Invalid value: \"2026-12-24 20:00\": spec.schedule.stopAt in"
                + " body should match"
                + " '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$'"),
        refusal(
            "spec: {video: {level: '6.1'}}",
            "spec.video.level: Invalid value: \"6.1\": spec.video.level in body should match"
                + " '^[1-5](\\.[0-2])?$'"),
        // minimum and maximum, which do not stop the CEL rules
        refusal(
            "spec: {video: {width: 100}}",
            "spec.video.width: Invalid value: 100: spec.video.width in body should be greater than"
                + " or equal to 160"),
        refusal(
            "spec: {video: {width: 3841}}",
            "[spec.video.width: Invalid value: 3841: spec.video.width in body should be less than"
                + " or equal to 3840, spec.video.width: Invalid value: \"integer\": video.width"
                + " must be even]"),
        refusal(
            "spec: {video: {height: 80, fps: 61, keyframeSeconds: 0, bitrateKbps: 20001,"
                + " maxrateKbps: 30001, bufsizeKbits: 299}}",
            "[spec.video.bitrateKbps: Invalid value: 20001: spec.video.bitrateKbps in body should"
                + " be less than or equal to 20000, spec.video.bufsizeKbits: Invalid value: 299:"
                + " spec.video.bufsizeKbits in body should be greater than or equal to 300,"
                + " spec.video.fps: Invalid value: 61: spec.video.fps in body should be less than"
                + " or equal to 60, spec.video.height: Invalid value: 80: spec.video.height in body"
                + " should be greater than or equal to 90, spec.video.keyframeSeconds: Invalid"
                + " value: 0: spec.video.keyframeSeconds in body should be greater than or equal to"
                + " 1, spec.video.maxrateKbps: Invalid value: 30001: spec.video.maxrateKbps in body"
                + " should be less than or equal to 30000]"),
        refusal(
            "spec: {video: {fps: 0, keyframeSeconds: 5, bitrateKbps: 299, maxrateKbps: 299,"
                + " bufsizeKbits: 60001}}",
            "[spec.video.bitrateKbps: Invalid value: 299: spec.video.bitrateKbps in body should be"
                + " greater than or equal to 300, spec.video.bufsizeKbits: Invalid value: 60001:"
                + " spec.video.bufsizeKbits in body should be less than or equal to 60000,"
                + " spec.video.fps: Invalid value: 0: spec.video.fps in body should be greater than"
                + " or equal to 1, spec.video.keyframeSeconds: Invalid value: 5:"
                + " spec.video.keyframeSeconds in body should be less than or equal to 4,"
                + " spec.video.maxrateKbps: Invalid value: 299: spec.video.maxrateKbps in body"
                + " should be greater than or equal to 300]"),
        refusal(
            "spec: {video: {height: 2162}}",
            "spec.video.height: Invalid value: 2162: spec.video.height in body should be less than"
                + " or equal to 2160"),
        refusal(
            "spec: {audio: {bitrateKbps: 16}}",
            "spec.audio.bitrateKbps: Invalid value: 16: spec.audio.bitrateKbps in body should be"
                + " greater than or equal to 32"),
        refusal(
            "spec: {audio: {bitrateKbps: 321}}",
            "spec.audio.bitrateKbps: Invalid value: 321: spec.audio.bitrateKbps in body should be"
                + " less than or equal to 320"),
        refusal(
            "spec: {overlay: {image: {configMapKeyRef: {name: a, key: b}}, margin: -1, opacity:"
                + " 1.5, scale: 0.01}}",
            "[spec.overlay.margin: Invalid value: -1: spec.overlay.margin in body should be greater"
                + " than or equal to 0, spec.overlay.opacity: Invalid value: 1.5:"
                + " spec.overlay.opacity in body should be less than or equal to 1,"
                + " spec.overlay.scale: Invalid value: 0.01: spec.overlay.scale in body should be"
                + " greater than or equal to 0.05]"),
        refusal(
            "spec: {overlay: {image: {configMapKeyRef: {name: a, key: b}}, margin: 1001, opacity:"
                + " -0.5, scale: 4.5}}",
            "[spec.overlay.margin: Invalid value: 1001: spec.overlay.margin in body should be less"
                + " than or equal to 1000, spec.overlay.opacity: Invalid value: -0.5:"
                + " spec.overlay.opacity in body should be greater than or equal to 0,"
                + " spec.overlay.scale: Invalid value: 4.5: spec.overlay.scale in body should be"
                + " less than or equal to 4]"),
        refusal(
            "spec: {schedule: {maxDurationMinutes: 0}}",
            "spec.schedule.maxDurationMinutes: Invalid value: 0: spec.schedule.maxDurationMinutes"
                + " in body should be greater than or equal to 1"),
        refusal(
            "spec: {schedule: {maxDurationMinutes: 10081}}",
            "spec.schedule.maxDurationMinutes: Invalid value: 10081:"
                + " spec.schedule.maxDurationMinutes in body should be less than or equal to"
                + " 10080"),
        refusal(
            "spec: {source: {url: null, push: {protocol: srt, port: 80}, stallTimeoutSeconds: 0}}",
            "[spec.source.push.port: Invalid value: 80: spec.source.push.port in body should be"
                + " greater than or equal to 1024, spec.source.stallTimeoutSeconds: Invalid value:"
                + " 0: spec.source.stallTimeoutSeconds in body should be greater than or equal to"
                + " 1]"),
        refusal(
            "spec: {source: {url: null, push: {protocol: srt, port: 65536}, stallTimeoutSeconds:"
                + " 121}}",
            "[spec.source.push.port: Invalid value: 65536: spec.source.push.port in body should be"
                + " less than or equal to 65535, spec.source.stallTimeoutSeconds: Invalid value:"
                + " 121: spec.source.stallTimeoutSeconds in body should be less than or equal to"
                + " 120]"),
        refusal(
            "spec: {thumbnailIntervalSeconds: 1}",
            "spec.thumbnailIntervalSeconds: Invalid value: 1: spec.thumbnailIntervalSeconds in body"
                + " should be greater than or equal to 2"),
        refusal(
            "spec: {thumbnailIntervalSeconds: 301}",
            "spec.thumbnailIntervalSeconds: Invalid value: 301: spec.thumbnailIntervalSeconds in"
                + " body should be less than or equal to 300"),
        // types
        refusal(
            "spec: {video: {width: wide}}",
            "[spec.video.width: Invalid value: \"string\": spec.video.width in body must be of type"
                + " integer: \"string\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {overlay: {image: {configMapKeyRef: {name: a, key: b}}, opacity: high}}",
            "[spec.overlay.opacity: Invalid value: \"string\": spec.overlay.opacity in body must be"
                + " of type number: \"string\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {video: [1280, 720]}",
            "[spec.video: Invalid value: \"array\": spec.video in body must be of type object:"
                + " \"array\", "
                + BLOCKED
                + "]"),
        refusal(
            "spec: {resources: {limits: {cpu: true}}}",
            "[spec.resources.limits.cpu: Invalid value: \"boolean\": spec.resources.limits.cpu in"
                + " body must be of type integer,string: \"boolean\", <nil>: Invalid value: \"\":"
                + " \"spec.resources.limits.cpu\" must validate at least one schema (anyOf),"
                + " spec.resources.limits.cpu: Invalid value: \"boolean\": spec.resources.limits.cpu"
                + " in body must be of type integer: \"boolean\", "
                + BLOCKED
                + "]"),
        refusal("spec: {resources: {limits: {cpu: 500m, memory: 1073741824}}}", null),
        refusal("spec: {video: {width: 1280.0, height: 720}}", null));
  }

  private static Arguments refusal(String patch, String expected) {
    return Arguments.of(patch, expected == null ? null : INVALID + expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void theCrdRefusesAManifestThatBreaksItsRule(String patch, String expectedMessage) {
    ObjectNode status = Refusals.status(TYPE, Refusals.merged(BASE, Crds.yaml(patch)));

    if (expectedMessage == null) {
      assertThat(status).isNull();
    } else {
      assertThat(status).isNotNull();
      assertThat(status.path("message").asText()).isEqualTo(expectedMessage);
    }
  }

  @Test
  void everyCelRuleOfTheCrdIsExercisedAbove() {
    long rules =
        TYPE.schema().findValues("x-kubernetes-validations").stream()
            .mapToLong(v -> v.size())
            .sum();
    assertThat(rules).isEqualTo(10);
  }
}
