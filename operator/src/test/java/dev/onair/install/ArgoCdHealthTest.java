package dev.onair.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointStatus;
import dev.onair.api.v1alpha1.EndpointUse;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.LiveStreamStatus;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamPhase;
import dev.onair.api.v1alpha1.RestreamStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the Lua health checks shipped for Argo CD against statuses of every phase, built with the
 * operator's own status classes, and checks the health Argo CD would show.
 */
class ArgoCdHealthTest {
  static ArgoCdHealth argo;

  static final Map<LiveStreamPhase, String> LIVESTREAM =
      Map.of(
          LiveStreamPhase.Pending, "Progressing",
          LiveStreamPhase.Starting, "Progressing",
          LiveStreamPhase.Live, "Healthy",
          LiveStreamPhase.SourceLost, "Degraded",
          LiveStreamPhase.Failed, "Degraded",
          LiveStreamPhase.Stopped, "Suspended",
          LiveStreamPhase.Scheduled, "Suspended",
          LiveStreamPhase.Completed, "Suspended");

  static final Map<RestreamPhase, String> RESTREAM =
      Map.of(
          RestreamPhase.Waiting, "Progressing",
          RestreamPhase.Starting, "Progressing",
          RestreamPhase.Live, "Healthy",
          RestreamPhase.Degraded, "Degraded",
          RestreamPhase.Failed, "Degraded",
          RestreamPhase.Stopped, "Suspended");

  @BeforeAll
  static void load() {
    argo = new ArgoCdHealth();
  }

  @ParameterizedTest
  @EnumSource(LiveStreamPhase.class)
  void liveStreamHealthFollowsItsPhase(LiveStreamPhase phase) {
    LiveStream ls = liveStream(3L, 3L, phase);
    var result = argo.check("LiveStream", ls);
    assertThat(result.status())
        .as("health of a %s LiveStream", phase)
        .isEqualTo(LIVESTREAM.get(phase));
    assertThat(result.message()).isEqualTo("message for " + phase);
  }

  @ParameterizedTest
  @EnumSource(RestreamPhase.class)
  void restreamHealthFollowsItsPhase(RestreamPhase phase) {
    Restream r = restream(2L, 2L, phase, "NoFailures");
    var result = argo.check("Restream", r);
    assertThat(result.status()).as("health of a %s Restream", phase).isEqualTo(RESTREAM.get(phase));
    assertThat(result.message()).isEqualTo("message for " + phase);
  }

  @Test
  void aRestreamWaitingForAStreamThatIsOffAirOnPurposeIsSuspended() {
    Restream r = restream(2L, 2L, RestreamPhase.Waiting, "NoFailures");
    r.getStatus().conditions =
        List.of(
            condition("Ready", "False", "LiveStreamOffAir", "waiting"),
            condition("Degraded", "False", "NoFailures", "d"));
    assertThat(argo.check("Restream", r).status()).isEqualTo("Suspended");
  }

  @Test
  void everyKindIsProgressingWhileTheOperatorHasNotSeenTheLatestGeneration() {
    assertThat(argo.check("LiveStream", liveStream(4L, 3L, LiveStreamPhase.Live)))
        .isEqualTo(
            new ArgoCdHealth.Result(
                "Progressing", "Waiting for the operator to observe generation 4"));
    assertThat(argo.check("Restream", restream(5L, 4L, RestreamPhase.Live, "NoFailures")).status())
        .isEqualTo("Progressing");
    assertThat(argo.check("Endpoint", endpoint(2L, 1L, "Ready")).status()).isEqualTo("Progressing");
  }

  @Test
  void resourcesWithoutStatusAreProgressing() {
    LiveStream fresh = liveStream(1L, 1L, LiveStreamPhase.Live);
    fresh.setStatus(null);
    assertThat(argo.check("LiveStream", fresh).status()).isEqualTo("Progressing");
    Endpoint e = endpoint(1L, 1L, "Ready");
    e.setStatus(null);
    assertThat(argo.check("Endpoint", e).status()).isEqualTo("Progressing");
  }

  @Test
  void aStartingRestreamWithFailingOutputsIsDegraded() {
    Restream r = restream(1L, 1L, RestreamPhase.Starting, "OutputsFailing");
    assertThat(argo.check("Restream", r).status()).isEqualTo("Degraded");
  }

  @Test
  void aLiveStreamWhoseLatestEditWasRefusedIsDegradedEvenWhileOnAir() {
    LiveStream ls = liveStream(2L, 2L, LiveStreamPhase.Live);
    ls.getStatus().conditions =
        List.of(
            condition("Ready", "True", "NotPNG", "spec change not applied"),
            condition("SpecValid", "False", "NotPNG", "spec.overlay.image: not a PNG"));
    assertThat(argo.check("LiveStream", ls))
        .isEqualTo(new ArgoCdHealth.Result("Degraded", "spec.overlay.image: not a PNG"));
  }

  @Test
  void endpointHealthFollowsValidityAndItsOutputs() {
    assertThat(argo.check("Endpoint", endpoint(1L, 1L, "Ready")).status()).isEqualTo("Healthy");
    assertThat(argo.check("Endpoint", endpoint(1L, 1L, "Invalid")).status()).isEqualTo("Degraded");
    Endpoint failing = endpoint(1L, 1L, "Ready");
    failing.getStatus().usedBy = List.of(new EndpointUse("news-everywhere", "Failed"));
    assertThat(argo.check("Endpoint", failing))
        .isEqualTo(
            new ArgoCdHealth.Result("Degraded", "output of Restream news-everywhere is failing"));
  }

  @Test
  void telemetryAndThumbnailsDoNotCountAsUpdates() throws Exception {
    var data = argo.data();
    var yaml = new ObjectMapper(new YAMLFactory());
    var liveStream =
        yaml.readTree(
            data.path(
                    "resource.customizations.ignoreResourceUpdates.streaming.onair.dev_LiveStream")
                .asText());
    assertThat(liveStream.path("jsonPointers").toString())
        .contains("/status/telemetry", "/status/thumbnail")
        .doesNotContain("/status/phase", "/status/conditions");
    assertThat(
            data.path("resource.customizations.ignoreResourceUpdates.streaming.onair.dev_Restream")
                .asText())
        .contains("bitrateKbps")
        .doesNotContain("state");
  }

  private static LiveStream liveStream(long generation, long observed, LiveStreamPhase phase) {
    LiveStream ls = new LiveStream();
    ls.setMetadata(new ObjectMetaBuilder().withName("news").withGeneration(generation).build());
    LiveStreamStatus s = new LiveStreamStatus();
    s.observedGeneration = observed;
    s.phase = phase;
    s.message = "message for " + phase;
    boolean live = phase == LiveStreamPhase.Live;
    // The spec is valid: an encoder that keeps failing is Failed too. A refused spec has its own
    // test.
    s.conditions =
        List.of(
            condition("Ready", live ? "True" : "False", "Reason", s.message),
            condition("SpecValid", "True", "Valid", "ok"));
    ls.setStatus(s);
    return ls;
  }

  private static Restream restream(
      long generation, long observed, RestreamPhase phase, String degradedReason) {
    Restream r = new Restream();
    r.setMetadata(new ObjectMetaBuilder().withName("news").withGeneration(generation).build());
    RestreamStatus s = new RestreamStatus();
    s.observedGeneration = observed;
    s.phase = phase;
    s.message = "message for " + phase;
    boolean degraded = !"NoFailures".equals(degradedReason);
    s.conditions =
        List.of(
            condition("Ready", phase == RestreamPhase.Live ? "True" : "False", "R", s.message),
            condition("Degraded", degraded ? "True" : "False", degradedReason, "d"));
    r.setStatus(s);
    return r;
  }

  private static Endpoint endpoint(long generation, long observed, String phase) {
    Endpoint e = new Endpoint();
    e.setMetadata(new ObjectMetaBuilder().withName("youtube").withGeneration(generation).build());
    EndpointStatus s = new EndpointStatus();
    s.observedGeneration = observed;
    s.phase = phase;
    s.message = "message for " + phase;
    e.setStatus(s);
    return e;
  }

  private static Condition condition(String type, String status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime("2026-11-21T06:00:00Z")
        .build();
  }
}
