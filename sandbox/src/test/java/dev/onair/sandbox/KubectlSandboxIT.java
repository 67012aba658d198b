package dev.onair.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.onair.apiserver.Kubectl;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The machine's real kubectl against a running sandbox, as docs/first-stream.md walks a newcomer
 * through it: every command with two kubectl minors (1.27, the oldest the build machines carry, and
 * the one on the PATH), asserting what a person sees on the terminal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlSandboxIT {
  static final String STREAM = "newsroom-live";
  static final String RESTREAM = "newsroom-everywhere";
  static final String ENCODER_SELECTOR =
      "app.kubernetes.io/instance=newsroom-live,app.kubernetes.io/component=encoder";
  static final Duration ON_AIR = Duration.ofSeconds(120);

  static Sandbox sandbox;
  static PrintStream sandboxLog;
  static List<Kubectl> kubectls = new ArrayList<>();

  @BeforeAll
  static void startSandbox() throws Exception {
    List<Path> binaries = new ArrayList<>(Kubectl.versions("1.27"));
    if (Kubectl.onPath() != null) {
      binaries.add(Kubectl.onPath());
    }
    assumeTrue(
        !binaries.isEmpty(),
        "no kubectl on the PATH: install kubectl 1.27 or newer to run the sandbox's kubectl IT");
    Path root = Sandbox.root();
    Path target = root.resolve("sandbox/target");
    Path yaml = target.resolve("kubectl-scenario");
    Sandbox.deleteTree(yaml);
    Files.createDirectories(yaml);
    try (var files = Files.list(root.resolve("sandbox/scenario"))) {
      for (Path f : files.toList()) {
        Files.copy(f, yaml.resolve(f.getFileName()));
      }
    }
    sandboxLog =
        new PrintStream(
            Files.newOutputStream(target.resolve("kubectl-sandbox.log")),
            true,
            StandardCharsets.UTF_8);
    Path out = target.resolve("kubectl-run");
    sandbox = Sandbox.start(new Sandbox.Options(root, yaml, out, false), sandboxLog);
    for (Path binary : binaries) {
      Path home = target.resolve("kubectl-home").resolve(binary.getFileName().toString());
      Sandbox.deleteTree(home);
      Files.createDirectories(home);
      // The kubeconfig the sandbox wrote and printed the export line for.
      kubectls.add(new Kubectl(binary, out.resolve("kubeconfig"), home));
    }
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
    if (sandboxLog != null) {
      sandboxLog.close();
    }
  }

  @Test
  @Order(1)
  void apiResourcesListsTheKindsWithTheirShortNames() {
    for (Kubectl kubectl : kubectls) {
      Kubectl.Result r = ok(kubectl, "api-resources", "--api-group=streaming.onair.dev");
      assertThat(r.out())
          .as(kubectl.toString())
          .containsPattern(
              "livestreams\\s+ls,lstream\\s+streaming.onair.dev/v1alpha1\\s+true\\s+LiveStream")
          .containsPattern("restreams\\s+rst\\s+streaming.onair.dev/v1alpha1\\s+true\\s+Restream")
          .containsPattern(
              "streamendpoints\\s+sep\\s+streaming.onair.dev/v1alpha1\\s+true\\s+Endpoint");
    }
  }

  @Test
  @Order(2)
  void waitForReadySaysConditionMetOnceTheStreamIsOnAir() {
    for (Kubectl kubectl : kubectls) {
      assertThat(waitReady(kubectl, "ls/" + STREAM).out())
          .as(kubectl.toString())
          .contains("livestream.streaming.onair.dev/" + STREAM + " condition met");
      assertThat(waitReady(kubectl, "rst/" + RESTREAM).out())
          .contains("restream.streaming.onair.dev/" + RESTREAM + " condition met");
    }
  }

  @Test
  @Order(3)
  void getShowsThePrinterColumnsOfEveryKind() {
    for (Kubectl kubectl : kubectls) {
      String ls = ok(kubectl, "get", "ls").out();
      assertThat(ls.lines().findFirst().orElseThrow())
          .as(kubectl.toString())
          .containsPattern("NAME\\s+PHASE\\s+READY\\s+PROFILE\\s+KBPS\\s+AGE");
      assertThat(ls).containsPattern(STREAM + "\\s+Live\\s+True\\s");
      assertThat(ok(kubectl, "get", "ls", "-o", "wide").out())
          .as(kubectl.toString())
          .containsPattern("KBPS\\s+MESSAGE\\s+AGE");
      assertThat(ok(kubectl, "get", "rst").out())
          .as(kubectl.toString())
          .containsPattern(RESTREAM + "\\s+" + STREAM + "\\s+Live\\s+True\\s+3/3\\s");
      assertThat(ok(kubectl, "get", "sep").out())
          .as(kubectl.toString())
          .containsPattern("youtube\\s")
          .containsPattern("twitch\\s")
          .containsPattern("facebook\\s");
      assertThat(ok(kubectl, "get", "streaming").out())
          .as(kubectl.toString())
          .contains("livestream.streaming.onair.dev/" + STREAM)
          .contains("restream.streaming.onair.dev/" + RESTREAM)
          .contains("endpoint.streaming.onair.dev/youtube");
      assertThat(ok(kubectl, "get", "pods", "-l", ENCODER_SELECTOR).out())
          .as(kubectl.toString())
          .containsPattern("newsroom-live-encoder-\\w+\\s+1/1\\s+Running\\s");
    }
  }

  @Test
  @Order(4)
  void describeShowsConditionsAndEvents() {
    for (Kubectl kubectl : kubectls) {
      String described = ok(kubectl, "describe", "ls", STREAM).out();
      assertThat(described)
          .as(kubectl.toString())
          .contains("Conditions:")
          .containsPattern("Type:\\s+Ready")
          .contains("Events:")
          .containsPattern("Normal\\s+PodCreated\\s");
    }
  }

  @Test
  @Order(5)
  void explainPrintsTheCrdDescriptions() {
    for (Kubectl kubectl : kubectls) {
      assertThat(ok(kubectl, "explain", "livestream.spec.video").out())
          .as(kubectl.toString())
          .contains("H.264 video profile.")
          .contains("bitrateKbps");
    }
  }

  @Test
  @Order(6)
  void logsAndEventsOfTheEncoder() {
    for (Kubectl kubectl : kubectls) {
      Kubectl.Result logs = ok(kubectl, "logs", encoderPod(kubectl), "--tail=50");
      assertThat(logs.out()).as(kubectl.toString()).isNotBlank();
      assertThat(logs.out().lines().count()).isLessThanOrEqualTo(50);
      String events = ok(kubectl, "events", "--for", "livestream/" + STREAM).out();
      assertThat(events.lines().findFirst().orElseThrow())
          .as(kubectl.toString())
          .containsPattern("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE");
      assertThat(events).contains("LiveStream/" + STREAM).containsPattern("\\bPodCreated\\b");
    }
  }

  @Test
  @Order(7)
  void applyCreatesReapplyIsUnchangedDiffShowsAChangeAndServerSideApplyWorks() throws Exception {
    for (Kubectl kubectl : kubectls) {
      String name = kubectl.toString().replace('.', '-');
      Path file = Files.createTempFile("endpoint", ".yaml");
      Files.writeString(file, endpoint(name, "rtmp://127.0.0.1:1935/live"));
      assertThat(ok(kubectl, "apply", "-f", file.toString()).out())
          .as(kubectl.toString())
          .contains("endpoint.streaming.onair.dev/" + name + " created");
      assertThat(ok(kubectl, "apply", "-f", file.toString()).out())
          .contains("endpoint.streaming.onair.dev/" + name + " unchanged");

      Files.writeString(file, endpoint(name, "rtmp://127.0.0.1:1936/live"));
      Kubectl.Result diff = kubectl.run("diff", "-f", file.toString());
      assertThat(diff.exitCode()).as(diff.both()).isEqualTo(1); // 1: differences found
      assertThat(diff.out()).contains("+  url: rtmp://127.0.0.1:1936/live");

      Kubectl.Result ssa =
          ok(kubectl, "apply", "--server-side", "--force-conflicts", "-f", file.toString());
      assertThat(ssa.out()).contains(name + " serverside-applied");
      assertThat(ok(kubectl, "get", "sep", name, "-o", "jsonpath={.spec.url}").out())
          .isEqualTo("rtmp://127.0.0.1:1936/live");

      assertThat(ok(kubectl, "delete", "sep", name).out())
          .contains("endpoint.streaming.onair.dev \"" + name + "\" deleted");
      assertThat(kubectl.run("get", "sep", name).err()).contains("NotFound");
      Files.delete(file);
    }
  }

  @Test
  @Order(8)
  void aBadManifestIsRefusedNamingTheFieldAndTheStreamStaysLive() {
    for (Kubectl kubectl : kubectls) {
      Kubectl.Result refused =
          kubectl.runWithInput(
              """
              apiVersion: streaming.onair.dev/v1alpha1
              kind: LiveStream
              metadata:
                name: bad-width
              spec:
                source:
                  url: http://127.0.0.1:1/none.m3u8
                video:
                  width: 641
              """,
              "apply",
              "-f",
              "-");
      assertThat(refused.exitCode()).as(kubectl.toString()).isNotZero();
      assertThat(refused.err())
          .contains("The LiveStream \"bad-width\" is invalid: spec.video.width: Invalid value:");
      assertThat(kubectl.run("get", "ls", "bad-width").err()).contains("NotFound");
      assertThat(ok(kubectl, "get", "ls", STREAM).out()).containsPattern(STREAM + "\\s+Live\\s");
    }
  }

  @Test
  @Order(9)
  void patchingToStoppedRemovesTheEncoderPodAndRunningBringsItBack() {
    for (Kubectl kubectl : kubectls) {
      String pod = encoderPod(kubectl);
      String uid = ok(kubectl, "get", pod, "-o", "jsonpath={.metadata.uid}").out();
      assertThat(patchState(kubectl, "Stopped").out())
          .as(kubectl.toString())
          .contains("livestream.streaming.onair.dev/" + STREAM + " patched");
      await("the encoder pod deleted after the patch")
          .atMost(Duration.ofSeconds(30))
          .until(() -> kubectl.run("get", pod).err().contains("NotFound"));
      assertThat(ok(kubectl, "get", "ls", STREAM).out()).containsPattern(STREAM + "\\s+Stopped\\s");

      patchState(kubectl, "Running");
      waitReady(kubectl, "ls/" + STREAM);
      // The same name (it is derived from the encoder's spec), a new pod.
      assertThat(ok(kubectl, "get", encoderPod(kubectl), "-o", "jsonpath={.metadata.uid}").out())
          .isNotEqualTo(uid);
    }
  }

  @Test
  @Order(10)
  void deleteDeletesTheStreamAndItsPods() {
    Kubectl kubectl = kubectls.get(kubectls.size() - 1);
    String pod = encoderPod(kubectl);
    assertThat(ok(kubectl, "delete", "ls", STREAM).out())
        .contains("livestream.streaming.onair.dev \"" + STREAM + "\" deleted");
    assertThat(kubectl.run("get", "ls", STREAM).err()).contains("NotFound");
    await("the encoder pod garbage-collected with its LiveStream")
        .atMost(Duration.ofSeconds(30))
        .until(() -> kubectl.run("get", pod).err().contains("NotFound"));
  }

  /** The encoder pod as {@code pod/name}, found by its labels as a person would. */
  private static String encoderPod(Kubectl kubectl) {
    String names = ok(kubectl, "get", "pods", "-l", ENCODER_SELECTOR, "-o", "name").out().strip();
    assertThat(names.lines()).as("encoder pods").hasSize(1);
    return names;
  }

  private static Kubectl.Result waitReady(Kubectl kubectl, String object) {
    return ok(
        kubectl, "wait", "--for=condition=Ready", object, "--timeout=" + ON_AIR.toSeconds() + "s");
  }

  private static Kubectl.Result patchState(Kubectl kubectl, String state) {
    return ok(
        kubectl,
        "patch",
        "ls",
        STREAM,
        "--type=merge",
        "-p",
        "{\"spec\":{\"state\":\"" + state + "\"}}");
  }

  private static Kubectl.Result ok(Kubectl kubectl, String... args) {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exitCode()).as(kubectl + " " + String.join(" ", args) + "\n" + r.both()).isZero();
    return r;
  }

  private static String endpoint(String name, String url) {
    return """
        apiVersion: streaming.onair.dev/v1alpha1
        kind: Endpoint
        metadata:
          name: %s
        spec:
          platform: custom
          url: %s
          streamKeySecretRef:
            name: youtube-key
            key: key
        """
        .formatted(name, url);
  }
}
