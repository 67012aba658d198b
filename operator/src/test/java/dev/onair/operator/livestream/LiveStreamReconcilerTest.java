package dev.onair.operator.livestream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.onair.api.v1alpha1.DesiredState;
import dev.onair.api.v1alpha1.ImageRef;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.OverlaySpec;
import dev.onair.api.v1alpha1.PushSource;
import dev.onair.api.v1alpha1.ScheduleSpec;
import dev.onair.api.v1alpha1.SourceSpec;
import dev.onair.api.v1alpha1.VideoSpec;
import dev.onair.apiserver.ApiServer;
import dev.onair.apiserver.OpenWatch;
import dev.onair.operator.ApiRequests;
import dev.onair.operator.Edits;
import dev.onair.operator.FakeMediaPod;
import dev.onair.operator.Kubelet;
import dev.onair.operator.TestApiServer;
import dev.onair.operator.TestStreams;
import dev.onair.operator.common.ConsentedObjects;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = TestApiServer.class,
    initArgs = @ResourceArg(name = TestApiServer.NAMESPACES, value = LiveStreamReconcilerTest.NS))
class LiveStreamReconcilerTest {
  static final String NS = "newsroom";
  static final Duration WAIT = Duration.ofSeconds(15);

  @TestApiServer.Inject ApiServer server;
  @Inject KubernetesClient client;
  @Inject MeterRegistry meters;

  @Test
  void createsAnEncoderPodAndServiceSizedLabelledOwnedAndConfigured() throws Exception {
    overlayConfigMap("logo");
    LiveStream ls = TestStreams.liveStream(NS, "evening-news");
    ls.getSpec().video = new VideoSpec();
    ls.getSpec().video.width = 1920;
    ls.getSpec().video.height = 1080;
    ls.getSpec().overlay = overlay("logo");
    ls = client.resource(ls).create();

    Pod pod = awaitPod("evening-news");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "onair-encoder")
        .containsEntry("app.kubernetes.io/instance", "evening-news")
        .containsEntry("app.kubernetes.io/component", "encoder")
        .containsEntry("app.kubernetes.io/managed-by", "onair-operator");
    assertThat(pod.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("LiveStream");
              assertThat(o.getController()).isTrue();
            });
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("registry.test/onair-encoder:test");
    Map<String, String> env = env(container.getEnv());
    assertThat(env)
        .containsEntry("ONAIR_SOURCE_KIND", "pull")
        .containsEntry("ONAIR_SOURCE_URL", TestStreams.SOURCE_URL)
        .containsEntry("ONAIR_VIDEO_WIDTH", "1920")
        .containsEntry("ONAIR_VIDEO_HEIGHT", "1080")
        .containsEntry("ONAIR_KEYFRAME_SECONDS", "2")
        .containsEntry("ONAIR_OVERLAY_FILE", "/etc/onair/overlay/overlay.png")
        .containsEntry("ONAIR_OVERLAY_POSITION", "bottom-left");
    assertThat(pod.getSpec().getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getConfigMap().getName()).isEqualTo("logo");
              assertThat(v.getConfigMap().getItems().get(0).getKey()).isEqualTo("logo.png");
              assertThat(v.getConfigMap().getItems().get(0).getPath()).isEqualTo("overlay.png");
            });
    assertThat(container.getVolumeMounts())
        .anyMatch(m -> m.getMountPath().equals("/etc/onair/overlay"));
    // 1080p30 needs about 1.5× the CPU of 720p30 (0.67 vs 0.44 cores measured): the fitted
    // function.
    double cores =
        Quantity.getAmountInBytes(container.getResources().getRequests().get("cpu")).doubleValue();
    assertThat(cores)
        .isEqualTo(
            EncoderSizing.expectedCores(EncoderSettings.of(ls.getSpec())),
            org.assertj.core.data.Offset.offset(0.01));
    assertThat(cores).isBetween(0.6, 0.9);
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();

    Service svc =
        await()
            .atMost(WAIT)
            .until(
                () -> client.services().inNamespace(NS).withName("evening-news-encoder").get(),
                s -> s != null);
    assertThat(svc.getSpec().getSelector())
        .containsEntry("app.kubernetes.io/instance", "evening-news")
        .containsEntry("app.kubernetes.io/component", "encoder");
    assertThat(svc.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(ls.getMetadata().getUid());

    LiveStream withStatus =
        awaitStatus("evening-news", s -> s.getStatus().phase == LiveStreamPhase.Starting);
    assertThat(withStatus.getStatus().profile).isEqualTo("1920x1080@30 3000k");
    assertThat(withStatus.getStatus().encoderPod).isEqualTo(pod.getMetadata().getName());
    assertThat(withStatus.getStatus().observedGeneration)
        .isEqualTo(withStatus.getMetadata().getGeneration());
    assertThat(withStatus.getStatus().streamUrl)
        .isEqualTo(
            "http://evening-news-encoder.newsroom.svc:" + FakeMediaPod.podPort() + "/live.ts");
    assertThat(ready(withStatus).getStatus()).isEqualTo("False");
  }

  @Test
  void stoppingDeletesThePodAndRunningAgainCreatesANewOne() {
    client.resource(TestStreams.liveStream(NS, "morning-show")).create();
    Pod first = awaitPod("morning-show");

    TestStreams.setState(client, NS, "morning-show", DesiredState.Stopped);
    await().atMost(WAIT).until(() -> pods("morning-show").isEmpty());
    LiveStream stopped =
        awaitStatus("morning-show", s -> s.getStatus().phase == LiveStreamPhase.Stopped);
    assertThat(stopped.getStatus().encoderPod).isNull();
    assertThat(client.services().inNamespace(NS).withName("morning-show-encoder").get())
        .isNotNull();

    TestStreams.setState(client, NS, "morning-show", DesiredState.Running);
    Pod second = awaitPod("morning-show");
    assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
  }

  @Test
  void theScheduleCreatesThePodAtStartAndDeletesItAtStop() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    LiveStream ls = TestStreams.liveStream(NS, "match-day");
    ls.getSpec().schedule = new ScheduleSpec();
    ls.getSpec().schedule.startAt = now.plusSeconds(3).toString();
    ls.getSpec().schedule.stopAt = now.plusSeconds(7).toString();
    client.resource(ls).create();

    awaitStatus("match-day", s -> s.getStatus().phase == LiveStreamPhase.Scheduled);
    assertThat(pods("match-day")).isEmpty();
    awaitPod("match-day");
    assertThat(Instant.now()).isAfterOrEqualTo(now.plusSeconds(3));
    await().atMost(WAIT).until(() -> pods("match-day").isEmpty());
    assertThat(Instant.now()).isAfterOrEqualTo(now.plusSeconds(7));
    awaitStatus("match-day", s -> s.getStatus().phase == LiveStreamPhase.Completed);
  }

  @Test
  void aPodDeletedByHandIsCreatedAgain() {
    client.resource(TestStreams.liveStream(NS, "weather")).create();
    Pod first = awaitPod("weather");
    client.resource(first).delete();
    await()
        .atMost(WAIT)
        .until(
            () ->
                pods("weather").stream()
                    .anyMatch(p -> !p.getMetadata().getUid().equals(first.getMetadata().getUid())));
  }

  @Test
  void aFailingPodIsReplacedWithBackoffAndAfterRepeatedFailuresTheStreamIsFailed() {
    client.resource(TestStreams.liveStream(NS, "cursed")).create();
    for (int failure = 1; failure <= 3; failure++) {
      Pod pod = awaitPod("cursed");
      Instant failedAt = Instant.now();
      Kubelet.failed(client, pod, 2, "ONAIR_OVERLAY_FILE: not a PNG image");
      if (failure < 3) {
        Pod replacement =
            await()
                .atMost(WAIT)
                .until(
                    () ->
                        pods("cursed").stream()
                            .filter(
                                p -> !p.getMetadata().getUid().equals(pod.getMetadata().getUid()))
                            .findFirst()
                            .orElse(null),
                    p -> p != null);
        // Backoff doubles: 300 ms after the first failure, 600 ms after the second.
        assertThat(Duration.between(failedAt, Instant.now()))
            .isGreaterThanOrEqualTo(Duration.ofMillis(250L << (failure - 1)));
        assertThat(replacement).isNotNull();
      }
    }
    LiveStream failed = awaitStatus("cursed", s -> s.getStatus().phase == LiveStreamPhase.Failed);
    assertThat(failed.getStatus().restarts).isEqualTo(3);
    assertThat(failed.getStatus().lastError)
        .contains("exited with code 2")
        .contains("not a PNG image");
    assertThat(ready(failed).getReason()).isEqualTo("EncoderFailing");
    assertThat(pods("cursed")).isEmpty();
  }

  @Test
  void failuresEachAfterALiveStretchLongerThanHealthyAfterAreForgivenAndNeverMakeTheStreamFailed()
      throws Exception {
    try (FakeMediaPod encoder = new FakeMediaPod("127.0.0.1", FakeMediaPod.podPort())) {
      encoder.answer("/status", LIVE_STATUS);
      client.resource(TestStreams.liveStream(NS, "marathon")).create();
      Pod pod = awaitPod("marathon");
      // Five failures, more than max-failures (3), months apart in production: 2 s apart here.
      for (int failure = 1; failure <= 5; failure++) {
        Kubelet.ready(client, pod, "127.0.0.1");
        LiveStream live = awaitStatus("marathon", s -> s.getStatus().phase == LiveStreamPhase.Live);
        Instant liveAt = Instant.now();
        if (failure > 1) {
          assertThat(live.getStatus().restarts).isEqualTo(1);
          LiveStream forgiven =
              awaitStatus(
                  "marathon",
                  s ->
                      s.getStatus().phase == LiveStreamPhase.Live
                          && s.getStatus().restarts == null);
          // healthy-after is 2 s; Ready's transition time is kept to the second.
          assertThat(Duration.between(liveAt, Instant.now()))
              .isGreaterThanOrEqualTo(Duration.ofMillis(900));
          assertThat(forgiven.getStatus().lastFailureAt).isNull();
          assertThat(forgiven.getStatus().lastError).isNull();
        } else {
          Thread.sleep(2500);
        }
        String crash = "source decoder crashed (" + failure + ")";
        Kubelet.failed(client, pod, 1, crash);
        LiveStream failed =
            awaitStatus(
                "marathon",
                s -> s.getStatus().lastError != null && s.getStatus().lastError.contains(crash));
        assertThat(failed.getStatus().restarts).isEqualTo(1);
        assertThat(failed.getStatus().phase).isNotEqualTo(LiveStreamPhase.Failed);
        pod = awaitReplacement("marathon", pod);
      }
      LiveStream after = get("marathon");
      assertThat(after.getStatus().phase).isNotEqualTo(LiveStreamPhase.Failed);
      assertThat(after.getStatus().restarts).isEqualTo(1);
      assertThat(events("marathon", "PodFailed")).hasSize(5);
    }
  }

  @Test
  void failuresWithOnlyShortLiveStretchesBetweenThemAreInARowAndMakeTheStreamFailed()
      throws Exception {
    try (FakeMediaPod encoder = new FakeMediaPod("127.0.0.1", FakeMediaPod.podPort())) {
      encoder.answer("/status", LIVE_STATUS);
      client.resource(TestStreams.liveStream(NS, "flaky")).create();
      Pod pod = awaitPod("flaky");
      for (int failure = 1; failure <= 3; failure++) {
        Kubelet.ready(client, pod, "127.0.0.1");
        awaitStatus("flaky", s -> s.getStatus().phase == LiveStreamPhase.Live);
        // On air for well under healthy-after (2 s): not enough to forgive what came before.
        Kubelet.failed(client, pod, 1, "source decoder crashed");
        if (failure < 3) {
          pod = awaitReplacement("flaky", pod);
        }
      }
      LiveStream failed = awaitStatus("flaky", s -> s.getStatus().phase == LiveStreamPhase.Failed);
      assertThat(failed.getStatus().restarts).isEqualTo(3);
      assertThat(ready(failed).getReason()).isEqualTo("EncoderFailing");
      assertThat(failed.getStatus().message).contains("3 times in a row");
      assertThat(pods("flaky")).isEmpty();
    }
  }

  @Test
  void aRefusedEditToAStreamOnAirKeepsItsPodItsRunAndItsFailureCountAndRecordsNoStop()
      throws Exception {
    overlayConfigMap("anchor-logo");
    try (FakeMediaPod encoder = new FakeMediaPod("127.0.0.1", FakeMediaPod.podPort())) {
      // On air with the slate, after one failure: SourceLost is not Live, so the count stays.
      encoder.answer(
          "/status",
          "{\"version\":1,\"state\":\"SourceLost\",\"fps\":30.0,\"bitrateKbps\":2900,"
              + "\"sourceConnected\":false,\"slateActive\":true}");
      LiveStream ls = TestStreams.liveStream(NS, "anchor");
      ls.getSpec().overlay = overlay("anchor-logo");
      client.resource(ls).create();
      Pod first = awaitPod("anchor");
      Kubelet.failed(client, first, 1, "source decoder crashed");
      Pod pod = awaitReplacement("anchor", first);
      Kubelet.ready(client, pod, "127.0.0.1");
      LiveStream before =
          awaitStatus(
              "anchor",
              s ->
                  s.getStatus().phase == LiveStreamPhase.SourceLost
                      && Integer.valueOf(1).equals(s.getStatus().restarts));
      long goodGeneration = before.getMetadata().getGeneration();

      Edits.retryOnConflict(
          () ->
              client
                  .resources(LiveStream.class)
                  .inNamespace(NS)
                  .withName("anchor")
                  .edit(
                      l -> {
                        l.getSpec().overlay = overlay("anchor-logo-typo");
                        return l;
                      }));
      LiveStream refused =
          awaitStatus(
              "anchor",
              s ->
                  s.getStatus().observedGeneration > goodGeneration
                      && "False".equals(condition(s, "SpecValid").getStatus()));
      assertThat(condition(refused, "SpecValid").getReason()).isEqualTo("ConfigMapNotFound");
      assertThat(condition(refused, "SpecValid").getMessage())
          .startsWith("spec.overlay.image.configMapKeyRef:")
          .contains("anchor-logo-typo");
      assertThat(refused.getStatus().phase).isEqualTo(LiveStreamPhase.SourceLost);
      assertThat(refused.getStatus().message).startsWith("spec change not applied");
      assertThat(refused.getStatus().encoderPod).isEqualTo(pod.getMetadata().getName());
      assertThat(refused.getStatus().startedAt).isEqualTo(before.getStatus().startedAt);
      assertThat(refused.getStatus().restarts).isEqualTo(1);
      assertThat(refused.getStatus().appliedGeneration).isEqualTo(goodGeneration);

      // The source returns: Live on the last good spec, the refusal still shown.
      encoder.answer("/status", LIVE_STATUS);
      LiveStream live = awaitStatus("anchor", s -> s.getStatus().phase == LiveStreamPhase.Live);
      assertThat(live.getStatus().message).startsWith("spec change not applied");
      assertThat(condition(live, "SpecValid").getStatus()).isEqualTo("False");
      assertThat(live.getStatus().startedAt).isEqualTo(before.getStatus().startedAt);
      assertThat(pods("anchor"))
          .extracting(p -> p.getMetadata().getUid())
          .containsExactly(pod.getMetadata().getUid());
      assertThat(events("anchor", "Started")).hasSize(1);
      assertThat(events("anchor", "Stopped")).isEmpty();

      // Creating the missing ConfigMap makes the edit valid: now it is applied, the pod is
      // replaced, and that run ends by the spec change.
      overlayConfigMap("anchor-logo-typo");
      awaitReplacement("anchor", pod);
      await().atMost(WAIT).until(() -> events("anchor", "Stopped"), e -> e.size() == 1);
      assertThat(events("anchor", "Stopped").get(0).getMessage()).contains("spec-change");
      LiveStream applied =
          awaitStatus("anchor", s -> "True".equals(condition(s, "SpecValid").getStatus()));
      assertThat(applied.getStatus().appliedGeneration).isNull();
      assertThat(applied.getStatus().restarts).isNull();
    }
  }

  @Test
  void anOverlayInAConfigMapWithoutConsentIsRefusedUntilLabelledWithNoEditToTheStream()
      throws Exception {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("unlabelled-logo")
                .withNamespace(NS)
                .endMetadata()
                .addToBinaryData(
                    "logo.png", Base64.getEncoder().encodeToString(FakeMediaPod.png(64, 32)))
                .build())
        .create();
    LiveStream ls = TestStreams.liveStream(NS, "no-consent");
    ls.getSpec().overlay = overlay("unlabelled-logo");
    client.resource(ls).create();

    LiveStream refused =
        awaitStatus("no-consent", s -> s.getStatus().phase == LiveStreamPhase.Failed);
    Condition ready = ready(refused);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ConfigMapNotFound");
    assertThat(ready.getMessage())
        .startsWith("spec.overlay.image.configMapKeyRef:")
        .contains("kubectl label configmap unlabelled-logo streaming.onair.dev/usable=true");
    assertThat(pods("no-consent")).isEmpty();
    long generation = refused.getMetadata().getGeneration();

    client
        .configMaps()
        .inNamespace(NS)
        .withName("unlabelled-logo")
        .edit(
            cm ->
                new ConfigMapBuilder(cm)
                    .editMetadata()
                    .addToLabels(ConsentedObjects.LABEL, "true")
                    .endMetadata()
                    .build());
    Pod pod = awaitPod("no-consent");
    assertThat(pod.getSpec().getVolumes())
        .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("unlabelled-logo"));
    assertThat(get("no-consent").getMetadata().getGeneration()).isEqualTo(generation);
  }

  @Test
  void
      anSrtPullPassphraseIsRefusedUntilConsentedThenArrivesAsAFileOnlyAndRotatingItReplacesThePod() {
    String passphrase = "studio-gateway-passphrase-31";
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("gateway-srt")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("passphrase", passphrase)
                .build())
        .create();
    LiveStream ls = TestStreams.liveStream(NS, "studio-pull");
    ls.getSpec().source.url = "srt://gateway.test:9000?mode=caller&latency=200000";
    ls.getSpec().source.passphraseSecretRef = new KeyRef("gateway-srt", "passphrase");
    client.resource(ls).create();

    LiveStream refused =
        awaitStatus("studio-pull", s -> s.getStatus().phase == LiveStreamPhase.Failed);
    assertThat(ready(refused).getReason()).isEqualTo("SecretNotFound");
    assertThat(ready(refused).getMessage())
        .startsWith("spec.source.passphraseSecretRef:")
        .contains("kubectl label secret gateway-srt streaming.onair.dev/usable=true");
    assertThat(pods("studio-pull")).isEmpty();

    client
        .secrets()
        .inNamespace(NS)
        .withName("gateway-srt")
        .edit(
            sec ->
                new SecretBuilder(sec)
                    .editMetadata()
                    .addToLabels(ConsentedObjects.LABEL, "true")
                    .endMetadata()
                    .build());
    Pod pod = awaitPod("studio-pull");
    var container = pod.getSpec().getContainers().get(0);
    assertThat(env(container.getEnv()))
        .containsEntry("ONAIR_SOURCE_KIND", "pull")
        .containsEntry("ONAIR_SOURCE_URL", "srt://gateway.test:9000?mode=caller&latency=200000")
        .containsEntry("ONAIR_SRT_PASSPHRASE_FILE", "/etc/onair/srt/passphrase");
    assertThat(pod.getSpec().getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getSecret().getSecretName()).isEqualTo("gateway-srt");
              assertThat(v.getSecret().getItems().get(0).getKey()).isEqualTo("passphrase");
              assertThat(v.getSecret().getItems().get(0).getPath()).isEqualTo("passphrase");
            });
    assertThat(container.getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/etc/onair/srt");
              assertThat(m.getReadOnly()).isTrue();
            });
    String encoded = Base64.getEncoder().encodeToString(passphrase.getBytes(UTF_8));
    assertThat(Serialization.asJson(pod)).doesNotContain(passphrase).doesNotContain(encoded);
    assertThat(Serialization.asJson(get("studio-pull")))
        .doesNotContain(passphrase)
        .doesNotContain(encoded);

    String first = pod.getMetadata().getName();
    client
        .secrets()
        .inNamespace(NS)
        .withName("gateway-srt")
        .edit(
            sec ->
                new SecretBuilder(sec)
                    .withData(null)
                    .withStringData(Map.of("passphrase", "a-rotated-gateway-passphrase"))
                    .build());
    Pod rotated =
        await()
            .atMost(WAIT)
            .until(
                () -> pods("studio-pull"),
                p -> p.size() == 1 && !p.get(0).getMetadata().getName().equals(first))
            .get(0);
    assertThat(Serialization.asJson(rotated)).doesNotContain("a-rotated-gateway-passphrase");
  }

  @Test
  void anSrtUrlCarryingItsPassphraseOrAPassphraseOnAnHttpSourceIsRefusedByTheApi() {
    LiveStream inUrl = TestStreams.liveStream(NS, "leaky-pull");
    inUrl.getSpec().source.url = "srt://gateway.test:9000?mode=caller&passphrase=hunter22hunter";
    assertThatThrownBy(() -> client.resource(inUrl).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining(
            "source.url: move the SRT passphrase out of the URL into source.passphraseSecretRef");
    LiveStream hls = TestStreams.liveStream(NS, "hls-with-passphrase");
    hls.getSpec().source.passphraseSecretRef = new KeyRef("gateway-srt", "passphrase");
    assertThatThrownBy(() -> client.resource(hls).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("source.passphraseSecretRef needs an srt:// source.url");
    assertThat(get("leaky-pull")).isNull();
    assertThat(get("hls-with-passphrase")).isNull();
  }

  @Test
  void aPushPublishedOnALoadBalancerExposesTheIngestPortOnlyAndTheHttpPortStaysInside() {
    LiveStream ls = new LiveStream();
    ls.getMetadata().setName("field-report");
    ls.getMetadata().setNamespace(NS);
    ls.setSpec(new LiveStreamSpec());
    ls.getSpec().source = new SourceSpec();
    ls.getSpec().source.push = new PushSource();
    ls.getSpec().source.push.protocol = PushSource.Protocol.srt;
    ls.getSpec().source.push.serviceType = PushSource.ServiceType.LoadBalancer;
    client.resource(ls).create();

    Service ingest =
        await()
            .atMost(WAIT)
            .until(
                () -> client.services().inNamespace(NS).withName("field-report-ingest").get(),
                s -> s != null);
    assertThat(ingest.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(ingest.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("srt");
              assertThat(p.getProtocol()).isEqualTo("UDP");
              assertThat(p.getPort()).isEqualTo(9000);
            });
    Service encoder = client.services().inNamespace(NS).withName("field-report-encoder").get();
    assertThat(encoder.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(encoder.getSpec().getPorts())
        .extracting(p -> p.getName() + "/" + p.getProtocol())
        .containsExactly("http/TCP", "srt/UDP");

    Edits.retryOnConflict(
        () ->
            client
                .resources(LiveStream.class)
                .inNamespace(NS)
                .withName("field-report")
                .edit(
                    l -> {
                      l.getSpec().source.push.serviceType = PushSource.ServiceType.ClusterIP;
                      return l;
                    }));
    await()
        .atMost(WAIT)
        .until(
            () -> client.services().inNamespace(NS).withName("field-report-ingest").get() == null);
  }

  @Test
  void theOperatorCachesOnlyConsentedSecretsAndConfigMapsInOneWatchEach() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<OpenWatch> watches = server.openWatches();
              for (String kind : List.of("secrets", "configmaps")) {
                assertThat(watches)
                    .as(kind + " watches of the whole operator")
                    .filteredOn(w -> w.resource().equals(kind))
                    .singleElement()
                    .satisfies(
                        w -> {
                          assertThat(w.labelSelector())
                              .isEqualTo("streaming.onair.dev/usable=true");
                          assertThat(w.namespace()).isNull(); // this profile watches all
                        });
              }
            });
  }

  @Test
  void aMissingOverlayConfigMapKeepsThePodAwayUntilItIsCreated() throws Exception {
    LiveStream ls = TestStreams.liveStream(NS, "late-logo");
    ls.getSpec().overlay = overlay("late-logo-png");
    client.resource(ls).create();

    LiveStream invalid =
        awaitStatus("late-logo", s -> s.getStatus().phase == LiveStreamPhase.Failed);
    Condition ready = ready(invalid);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("ConfigMapNotFound");
    assertThat(ready.getMessage())
        .startsWith("spec.overlay.image.configMapKeyRef:")
        .contains("late-logo-png");
    assertThat(pods("late-logo")).isEmpty();
    long generation = invalid.getMetadata().getGeneration();

    overlayConfigMap("late-logo-png");
    awaitPod("late-logo");
    assertThat(get("late-logo").getMetadata().getGeneration()).isEqualTo(generation);
  }

  @Test
  void aNonPngOverlayIsRefusedWithAConditionNamingTheField() {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("not-a-png")
                .withNamespace(NS)
                .addToLabels(ConsentedObjects.LABEL, "true")
                .endMetadata()
                .addToData("logo.png", "<svg/>")
                .build())
        .create();
    LiveStream ls = TestStreams.liveStream(NS, "svg-logo");
    ls.getSpec().overlay = overlay("not-a-png");
    client.resource(ls).create();
    LiveStream invalid =
        awaitStatus("svg-logo", s -> s.getStatus().phase == LiveStreamPhase.Failed);
    assertThat(ready(invalid).getReason()).isEqualTo("NotPNG");
    assertThat(ready(invalid).getMessage()).startsWith("spec.overlay.image");
    assertThat(pods("svg-logo")).isEmpty();
  }

  @Test
  void telemetryAndThumbnailFromTheEncoderLandInStatusAndAnIdleResyncWritesNothing()
      throws Exception {
    byte[] thumbnail = FakeMediaPod.jpeg(320, 180, Color.BLUE);
    try (FakeMediaPod encoder = new FakeMediaPod("127.0.0.1", FakeMediaPod.podPort())) {
      encoder
          .answer(
              "/status",
              "{\"version\":1,\"state\":\"Live\",\"since\":\"2026-11-21T06:00:00Z\",\"fps\":29.97,"
                  + "\"bitrateKbps\":3012,\"frames\":9000,\"dropped\":3,\"sourceConnected\":true,"
                  + "\"slateActive\":false,\"width\":1280,\"height\":720,\"readers\":2,"
                  + "\"lastError\":null,\"futureField\":\"ignored\"}")
          .answer("/thumbnail.jpg", thumbnail);
      LiveStream ls = TestStreams.liveStream(NS, "telemetry");
      ls.getSpec().thumbnailIntervalSeconds = 2;
      client.resource(ls).create();
      Kubelet.ready(client, awaitPod("telemetry"), "127.0.0.1");

      LiveStream live = awaitStatus("telemetry", s -> s.getStatus().phase == LiveStreamPhase.Live);
      assertThat(ready(live).getStatus()).isEqualTo("True");
      assertThat(live.getStatus().telemetry.fps).isEqualTo(30.0);
      assertThat(live.getStatus().telemetry.bitrateKbps).isEqualTo(3012);
      assertThat(live.getStatus().telemetry.droppedFrames).isEqualTo(3);
      assertThat(live.getStatus().telemetry.sourceConnected).isTrue();
      assertThat(live.getStatus().thumbnail.dataUri).startsWith("data:image/jpeg;base64,");
      byte[] jpeg =
          Base64.getDecoder()
              .decode(
                  live.getStatus().thumbnail.dataUri.substring("data:image/jpeg;base64,".length()));
      var image = ImageIO.read(new ByteArrayInputStream(jpeg));
      assertThat(image.getWidth()).isEqualTo(320);
      assertThat(image.getHeight()).isEqualTo(180);
      assertThat(live.getStatus().thumbnail.capturedAt).isNotNull();

      // Nothing changes now: the same status and the same picture. The poller keeps publishing
      // every 2 s, each publication reconciles, and none of those reconciles may write.
      ApiRequests.drain(server);
      double reconcilesBefore = reconciles();
      Thread.sleep(5000);
      assertThat(reconciles() - reconcilesBefore).isGreaterThanOrEqualTo(2);
      assertThat(ApiRequests.writesMentioning(server, "telemetry")).isEmpty();

      // Numbers that wobble as they do on air (fps, a few percent of bitrate) are for metrics:
      // still no status write.
      encoder.answer(
          "/status",
          "{\"version\":1,\"state\":\"Live\",\"fps\":29.4,\"bitrateKbps\":3390,"
              + "\"dropped\":3,\"sourceConnected\":true,\"slateActive\":false,\"readers\":2}");
      ApiRequests.drain(server);
      reconcilesBefore = reconciles();
      Thread.sleep(5000);
      assertThat(reconciles() - reconcilesBefore).isGreaterThanOrEqualTo(2);
      assertThat(ApiRequests.writesMentioning(server, "telemetry")).isEmpty();
      assertThat(get("telemetry").getStatus().telemetry.bitrateKbps).isEqualTo(3012);

      // A bitrate that falls by more than a fifth is news.
      encoder.answer(
          "/status",
          "{\"version\":1,\"state\":\"Live\",\"fps\":29.4,\"bitrateKbps\":2100,"
              + "\"dropped\":60,\"sourceConnected\":true,\"slateActive\":false,\"readers\":2}");
      LiveStream slower =
          awaitStatus(
              "telemetry",
              s ->
                  s.getStatus().telemetry != null
                      && Integer.valueOf(2100).equals(s.getStatus().telemetry.bitrateKbps));
      assertThat(slower.getStatus().telemetry.droppedFrames).isEqualTo(60);

      // The source drops: the encoder reports it and status follows without waiting.
      encoder.answer(
          "/status",
          "{\"version\":1,\"state\":\"SourceLost\",\"fps\":30.0,\"bitrateKbps\":2900,"
              + "\"sourceConnected\":false,\"slateActive\":true}");
      LiveStream lost =
          awaitStatus("telemetry", s -> s.getStatus().phase == LiveStreamPhase.SourceLost);
      assertThat(lost.getStatus().telemetry.slateActive).isTrue();
      assertThat(lost.getStatus().conditions)
          .anySatisfy(
              c -> {
                assertThat(c.getType()).isEqualTo("SourceConnected");
                assertThat(c.getStatus()).isEqualTo("False");
              });
    }
  }

  // ---------------------------------------------------------------------------------------------

  static final String LIVE_STATUS =
      "{\"version\":1,\"state\":\"Live\",\"fps\":30.0,\"bitrateKbps\":3000,"
          + "\"sourceConnected\":true,\"slateActive\":false,\"readers\":1}";

  /** The pod that replaced {@code old} (a new uid, not terminating). */
  private Pod awaitReplacement(String instance, Pod old) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                pods(instance).stream()
                    .filter(p -> !p.getMetadata().getUid().equals(old.getMetadata().getUid()))
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .findFirst()
                    .orElse(null),
            p -> p != null);
  }

  /** The audit's Events about LiveStream {@code name} with {@code reason}. */
  private List<Event> events(String name, String reason) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> "LiveStream".equals(e.getInvolvedObject().getKind()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  private double reconciles() {
    return meters.find("onair.reconcile").tag("kind", "LiveStream").timer().count();
  }

  static OverlaySpec overlay(String configMap) {
    OverlaySpec o = new OverlaySpec();
    o.image = new ImageRef();
    o.image.configMapKeyRef = new KeyRef(configMap, "logo.png");
    o.position = OverlaySpec.Position.BottomLeft;
    return o;
  }

  private void overlayConfigMap(String name) throws Exception {
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .addToLabels(ConsentedObjects.LABEL, "true")
                .endMetadata()
                .addToBinaryData(
                    "logo.png", Base64.getEncoder().encodeToString(FakeMediaPod.png(64, 32)))
                .build())
        .create();
  }

  private LiveStream get(String name) {
    return client.resources(LiveStream.class).inNamespace(NS).withName(name).get();
  }

  private LiveStream awaitStatus(String name, java.util.function.Predicate<LiveStream> condition) {
    return await()
        .atMost(WAIT)
        .until(() -> get(name), ls -> ls != null && ls.getStatus() != null && condition.test(ls));
  }

  private List<Pod> pods(String instance) {
    return client
        .pods()
        .inNamespace(NS)
        .withLabel("app.kubernetes.io/instance", instance)
        .list()
        .getItems();
  }

  private Pod awaitPod(String instance) {
    return await()
        .atMost(WAIT)
        .until(() -> pods(instance).stream().findFirst().orElse(null), p -> p != null);
  }

  static Condition condition(LiveStream ls, String type) {
    return ls.getStatus().conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  static Condition ready(LiveStream ls) {
    return ls.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElseThrow();
  }

  static Map<String, String> env(List<EnvVar> env) {
    return env.stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() == null ? "" : e.getValue()));
  }
}
