package dev.onair.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end on one sandbox: the real operator, encoder and relay processes, the scenario's YAML
 * edited as a user would edit it, and what a user would see asserted — frames with the overlay at
 * the sinks, RTMP sessions opened and closed, pods, status fields, rows in PostgreSQL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxIT {
  static final String NS = "sandbox";
  static final String LIVESTREAM = "newsroom-live";
  static final String RESTREAM = "newsroom-everywhere";
  static final List<String> PLATFORMS = List.of("youtube", "twitch", "facebook");
  static final Map<String, String> timings = new java.util.LinkedHashMap<>();

  static Sandbox sandbox;
  static KubernetesClient client;
  static Path yaml;
  static PrintStream sandboxLog;

  @BeforeAll
  static void startSandbox() throws Exception {
    Path root = Sandbox.root();
    Path out = root.resolve("sandbox/target/it-run");
    yaml = root.resolve("sandbox/target/it-scenario");
    Sandbox.deleteTree(yaml);
    Files.createDirectories(yaml);
    try (var files = Files.list(root.resolve("sandbox/scenario"))) {
      for (Path f : files.toList()) {
        Files.copy(f, yaml.resolve(f.getFileName()));
      }
    }
    Files.createDirectories(root.resolve("sandbox/target"));
    sandboxLog =
        new PrintStream(
            Files.newOutputStream(root.resolve("sandbox/target/it-sandbox.log")),
            true,
            StandardCharsets.UTF_8);
    sandbox = Sandbox.start(new Sandbox.Options(root, yaml, out, true), sandboxLog);
    client = sandbox.client();
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
    System.out.println("[sandbox IT] timings: " + timings);
    if (sandboxLog != null) {
      sandboxLog.close();
    }
  }

  @Test
  @Order(1)
  void applyDeliversFramesWithTheOverlayToEveryPlatformAndOutputsAreLiveInStatus() {
    await("frames with the overlay at every sink")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> sinks().stream().allMatch(s -> s.overlayFrames() >= 50));
    Instant first =
        sinks().stream().map(RtmpSink::firstFrameAt).min(Instant::compareTo).orElseThrow();
    record("apply → first frame at a sink", Duration.between(sandbox.appliedAt(), first));
    for (RtmpSink sink : sinks()) {
      assertThat(sink.size()).as(sink.name).isEqualTo("640x360");
      // every decoded frame carries the overlay's magenta box where configured (top-left, margin
      // 24)
      assertThat(sink.overlayFrames()).as(sink.name).isGreaterThanOrEqualTo(sink.frames() - 5);
      assertThat(sink.sessions()).as(sink.name).isEqualTo(1);
    }
    await("outputs live in the Restream's status")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode status = status("Restream", RESTREAM);
              assertThat(status.path("phase").asText()).isEqualTo("Live");
              assertThat(status.path("outputsLive").asInt()).isEqualTo(3);
              assertThat(status.path("outputStatuses").findValuesAsText("state"))
                  .containsOnly("Live");
              assertThat(status.path("outputStatuses").findValuesAsText("endpoint"))
                  .containsExactlyInAnyOrderElementsOf(PLATFORMS);
            });
    JsonNode ls = status("LiveStream", LIVESTREAM);
    assertThat(ls.path("phase").asText()).isEqualTo("Live");
  }

  @Test
  @Order(2)
  void aBadFileIsRefusedNamingTheFieldAndTheStreamStaysOnAir() throws Exception {
    Path bad = yaml.resolve("90-bad.yaml");
    Files.writeString(
        bad,
        """
        apiVersion: streaming.onair.dev/v1alpha1
        kind: LiveStream
        metadata:
          name: odd-width
          namespace: sandbox
        spec:
          source:
            url: http://127.0.0.1:1/none.m3u8
          video:
            width: 641
        """);
    Path log = Sandbox.root().resolve("sandbox/target/it-sandbox.log");
    try {
      await("the refusal in the sandbox's output")
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  Files.readString(log)
                      .contains(
                          "90-bad.yaml: The LiveStream \"odd-width\" is invalid:"
                              + " spec.video.width: Invalid value:"));
      assertThat(
              client
                  .genericKubernetesResources("streaming.onair.dev/v1alpha1", "LiveStream")
                  .inNamespace(NS)
                  .withName("odd-width")
                  .get())
          .isNull();
      long before = sinks().stream().mapToLong(RtmpSink::frames).sum();
      await("frames keep arriving")
          .atMost(Duration.ofSeconds(10))
          .until(() -> sinks().stream().mapToLong(RtmpSink::frames).sum() > before + 50);
      assertThat(status("LiveStream", LIVESTREAM).path("phase").asText()).isEqualTo("Live");
    } finally {
      Files.delete(bad);
    }
  }

  @Test
  @Order(2)
  void thumbnailInStatusIsAJpegOfTheConfiguredSizeAndIsWrittenToAFile() throws Exception {
    await("a thumbnail in status")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                status("LiveStream", LIVESTREAM)
                    .path("thumbnail")
                    .path("dataUri")
                    .asText()
                    .startsWith("data:image/jpeg;base64,"));
    String uri = status("LiveStream", LIVESTREAM).path("thumbnail").path("dataUri").asText();
    byte[] jpeg = Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1));
    assertThat(jpeg).startsWith(0xFF, 0xD8);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
    assertThat(image.getWidth()).isEqualTo(320); // the encoder's thumbnail size (contract default)
    assertThat(image.getHeight()).isEqualTo(180);
    Path file = sandbox.outDir().resolve("thumbnails").resolve(NS + "_" + LIVESTREAM + ".jpg");
    await("the thumbnail file")
        .atMost(Duration.ofSeconds(10))
        .until(() -> Files.isRegularFile(file));
    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(320);
  }

  @Test
  @Order(3)
  void removingOneEndpointClosesOnlyItsConnectionAndTheOtherSessionsContinue() throws Exception {
    RtmpSink youtube = sink("youtube");
    RtmpSink twitch = sink("twitch");
    RtmpSink facebook = sink("facebook");
    int youtubeSessions = youtube.sessions();
    int twitchSessions = twitch.sessions();
    edit("40-restream.yaml", "    - name: facebook\n", "");
    Instant deadline = Instant.now().plusSeconds(30);
    while (facebook.connected() && Instant.now().isBefore(deadline)) {
      assertThat(youtube.connected() && twitch.connected())
          .as("other sinks stay connected")
          .isTrue();
      Thread.sleep(50);
    }
    assertThat(facebook.connected()).as("the removed endpoint's connection closed").isFalse();
    long youtubeFrames = youtube.frames();
    long twitchFrames = twitch.frames();
    Thread.sleep(3000);
    assertThat(youtube.sessions()).isEqualTo(youtubeSessions);
    assertThat(twitch.sessions()).isEqualTo(twitchSessions);
    assertThat(youtube.frames()).isGreaterThan(youtubeFrames + 25);
    assertThat(twitch.frames()).isGreaterThan(twitchFrames + 25);
    assertThat(facebook.connected()).isFalse();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(status("Restream", RESTREAM).path("outputsTotal").asInt()).isEqualTo(2));

    // and back: the endpoint is added again, the others still untouched
    int facebookSessions = facebook.sessions();
    edit("40-restream.yaml", "    - name: twitch\n", "    - name: twitch\n    - name: facebook\n");
    await("facebook back")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                facebook.sessions() > facebookSessions
                    && facebook.frames() > 0
                    && facebook.connected());
    assertThat(youtube.sessions()).isEqualTo(youtubeSessions);
    assertThat(twitch.sessions()).isEqualTo(twitchSessions);
  }

  @Test
  @Order(4)
  void stoppingTheLiveStreamDeletesItsPodsAndClosesEverySinkWithinThreeSeconds() throws Exception {
    await("all three live")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sinks().stream().allMatch(RtmpSink::connected));
    Instant stop = edit("20-livestream.yaml", "state: Running", "state: Stopped");
    await("every sink connection closed")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> sinks().stream().noneMatch(RtmpSink::connected));
    Duration slowest = Duration.ZERO;
    for (RtmpSink sink : sinks()) {
      Duration closed = Duration.between(stop, sink.closedAt());
      slowest = closed.compareTo(slowest) > 0 ? closed : slowest;
    }
    record("stop → last sink connection closed", slowest);
    assertThat(slowest).isLessThanOrEqualTo(Duration.ofSeconds(3));
    await("no encoder or relay pods")
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(client.pods().inNamespace(NS).list().getItems()).isEmpty());
    assertThat(sandbox.pods().pods()).isEmpty(); // and no local processes
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(status("LiveStream", LIVESTREAM).path("phase").asText())
                    .isEqualTo("Stopped"));
  }

  @Test
  @Order(5)
  void startingAgainResumesFramesAtEverySink() throws Exception {
    Map<String, Integer> sessions = new HashMap<>();
    sinks().forEach(s -> sessions.put(s.name, s.sessions()));
    Instant start = edit("20-livestream.yaml", "state: Stopped", "state: Running");
    await("frames resume at every sink")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                sinks().stream()
                    .allMatch(
                        s ->
                            s.sessions() > sessions.get(s.name)
                                && s.connected()
                                && s.lastFrameAt() != null
                                && s.lastFrameAt().isAfter(start)));
    Instant first =
        sinks().stream().map(RtmpSink::connectedAt).min(Instant::compareTo).orElseThrow();
    record("start again → first sink connected", Duration.between(start, first));
  }

  @Test
  @Order(6)
  void killedEncoderFailsItsPodIsReplacedAndOutputsResume() throws Exception {
    LocalPod encoder =
        await().atMost(Duration.ofSeconds(30)).until(() -> encoderPod(), p -> p != null && p.ready);
    String oldUid = encoder.uid;
    Map<String, Long> frames = new HashMap<>();
    List<Pod> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    var watch =
        client
            .pods()
            .inNamespace(NS)
            .watch(
                new io.fabric8.kubernetes.client.Watcher<Pod>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {
                    if (oldUid.equals(pod.getMetadata().getUid())) {
                      seen.add(pod);
                    }
                  }

                  @Override
                  public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {}
                });
    encoder.process.destroyForcibly(); // SIGKILL: the container dies
    Instant killed = Instant.now();
    try (watch) {
      await("the pod is Failed with the exit code in its container status")
          .atMost(Duration.ofSeconds(15))
          .until(() -> seen.stream().anyMatch(SandboxIT::failedWith137));
    }
    await("the LiveStream reports the failure with the exit code")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode s = status("LiveStream", LIVESTREAM);
              assertThat(s.path("lastError").asText()).contains("137");
              assertThat(s.path("restarts").asInt()).isGreaterThanOrEqualTo(1);
            });
    await("a new encoder pod is ready")
        .atMost(Duration.ofSeconds(60))
        .until(() -> encoderPod(), p -> p != null && p.ready && !p.uid.equals(oldUid));
    sinks().forEach(s -> frames.put(s.name, s.frames()));
    await("outputs resume")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                sinks().stream()
                    .allMatch(s -> s.connected() && s.frames() > frames.get(s.name) + 50));
    record("encoder killed → outputs resumed", Duration.between(killed, Instant.now()));
  }

  @Test
  @Order(7)
  void cuttingTheSourceForTenSecondsSendsTheSlateAndTheSinksStayConnected() throws Exception {
    await("all live")
        .atMost(Duration.ofSeconds(30))
        .until(() -> sinks().stream().allMatch(s -> s.connected()));
    Map<String, Integer> sessions = new HashMap<>();
    Map<String, Long> slate = new HashMap<>();
    sinks()
        .forEach(
            s -> {
              sessions.put(s.name, s.sessions());
              slate.put(s.name, s.slateFrames());
            });
    sandbox.source().cut(Duration.ofSeconds(10));
    Instant end = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(end)) {
      for (RtmpSink s : sinks()) {
        assertThat(s.connected()).as(s.name + " stays connected during the cut").isTrue();
      }
      Thread.sleep(100);
    }
    await("slate frames at every sink")
        .atMost(Duration.ofSeconds(10))
        .until(() -> sinks().stream().allMatch(s -> s.slateFrames() > slate.get(s.name) + 10));
    for (RtmpSink s : sinks()) {
      assertThat(s.sessions())
          .as(s.name + ": one session through the cut")
          .isEqualTo(sessions.get(s.name));
    }
    Map<String, Long> overlay = new HashMap<>();
    sinks().forEach(s -> overlay.put(s.name, s.overlayFrames()));
    await("the source is back at every sink")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                sinks().stream()
                    .allMatch(s -> s.connected() && s.overlayFrames() > overlay.get(s.name) + 50));
    await("the LiveStream is Live again")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(status("LiveStream", LIVESTREAM).path("phase").asText())
                    .isEqualTo("Live"));
  }

  @Test
  @Order(8)
  void postgresHoldsTheWholeStoryEachEventExactlyOnce() throws Exception {
    await("every audit Event is a row")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<Event> events =
                  client
                      .v1()
                      .events()
                      .inNamespace(NS)
                      .withLabel("audit.onair.dev/record", "v1")
                      .list()
                      .getItems();
              List<AuditHistory.Row> rows = AuditHistory.read(sandbox.database());
              Set<String> ids =
                  rows.stream().map(AuditHistory.Row::eventId).collect(Collectors.toSet());
              assertThat(ids).hasSize(rows.size());
              assertThat(rows).hasSize(events.size());
              for (Event e : events) {
                String suffix =
                    e.getMetadata()
                        .getName()
                        .substring(e.getMetadata().getName().lastIndexOf('.') + 1);
                assertThat(rows.stream().filter(r -> r.eventId().startsWith(suffix)).count())
                    .as(e.getMetadata().getName())
                    .isEqualTo(1);
              }
            });
    List<AuditHistory.Row> rows = AuditHistory.read(sandbox.database());
    Map<String, List<String>> reasons =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.kind() + "/" + r.name(),
                    Collectors.mapping(AuditHistory.Row::reason, Collectors.toList())));
    assertThat(reasons.get("LiveStream/" + LIVESTREAM))
        .contains(
            "Created",
            "Started",
            "PodCreated",
            "Live",
            "Stopped",
            "PodFailed",
            "SourceLost",
            "Recovered");
    assertThat(reasons.get("Restream/" + RESTREAM))
        .contains("Created", "OutputConnected", "OutputDisconnected");
    assertThat(rows)
        .anyMatch(
            r ->
                "OutputDisconnected".equals(r.reason())
                    && "facebook".equals(r.output())
                    && "removed".equals(r.actor()));
    for (String p : PLATFORMS) {
      assertThat(reasons.get("Endpoint/" + p)).contains("Ready");
    }
    // exactly once: the LiveStream's two runs give two Started rows, not more
    assertThat(reasons.get("LiveStream/" + LIVESTREAM).stream().filter("Started"::equals).count())
        .isEqualTo(2);
    System.out.println("[sandbox IT] audit history:\n" + AuditHistory.format(rows));
  }

  @Test
  @Order(9)
  void deletingTheRestreamFileDeletesTheRestreamItsRelayPodsAndClosesTheSinks() throws Exception {
    Files.delete(yaml.resolve("40-restream.yaml"));
    sandbox.applyNow();
    await("the Restream is gone")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                        .genericKubernetesResources("streaming.onair.dev/v1alpha1", "Restream")
                        .inNamespace(NS)
                        .withName(RESTREAM)
                        .get()
                    == null);
    await("no relay pods, no open sink connection")
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(
                      client
                          .pods()
                          .inNamespace(NS)
                          .withLabel("app.kubernetes.io/component", "relay")
                          .list()
                          .getItems())
                  .isEmpty();
              assertThat(sinks()).noneMatch(RtmpSink::connected);
            });
    // the LiveStream is untouched
    assertThat(status("LiveStream", LIVESTREAM).path("phase").asText()).isEqualTo("Live");
  }

  private static boolean failedWith137(Pod pod) {
    var status = pod.getStatus();
    return status != null
        && "Failed".equals(status.getPhase())
        && status.getContainerStatuses().get(0).getState().getTerminated() != null
        && status.getContainerStatuses().get(0).getState().getTerminated().getExitCode() == 137;
  }

  private static Instant edit(String file, String from, String to) throws IOException {
    Path path = yaml.resolve(file);
    String text = Files.readString(path);
    assertThat(text).contains(from);
    Files.writeString(path, text.replace(from, to));
    Instant at = Instant.now();
    sandbox.applyNow(); // what the watcher does within a second
    return at;
  }

  private static JsonNode status(String kind, String name) {
    var r =
        client
            .genericKubernetesResources("streaming.onair.dev/v1alpha1", kind)
            .inNamespace(NS)
            .withName(name)
            .get();
    return Serialization.jsonMapper().valueToTree(r).path("status");
  }

  private static LocalPod encoderPod() {
    return sandbox.pods().pods().stream()
        .filter(
            p ->
                !p.deleted
                    && "encoder"
                        .equals(p.pod.getMetadata().getLabels().get("app.kubernetes.io/component")))
        .findFirst()
        .orElse(null);
  }

  private static List<RtmpSink> sinks() {
    return List.copyOf(sandbox.sinks().values());
  }

  private static RtmpSink sink(String name) {
    return sandbox.sinks().get(name);
  }

  private static void record(String what, Duration d) {
    String seconds = String.format("%.2f s", d.toMillis() / 1000.0);
    timings.put(what, seconds);
    System.out.println("[sandbox IT] " + what + ": " + seconds);
  }
}
