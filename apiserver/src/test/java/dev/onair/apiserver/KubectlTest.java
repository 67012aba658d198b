package dev.onair.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The machine's real kubectl — 1.27, the oldest minor a supported cluster pairs with (its apply
 * still downloads OpenAPI v2 as protobuf), 1.29 (the first whose apply reads OpenAPI v3) and 1.33,
 * the newest beside it — against the stand-in with the repository's CRDs and examples: what a
 * person types in the first hour, and what they see.
 */
class KubectlTest {
  private static final String BAD =
      """
      apiVersion: streaming.onair.dev/v1alpha1
      kind: LiveStream
      metadata:
        name: bad-width
      spec:
        source:
          url: https://example.com/live.m3u8
        video:
          width: 641
      """;

  static Stream<Path> kubectls() {
    List<Path> found = Kubectl.versions("1.27", "1.29", "1.33");
    if (found.isEmpty() && Kubectl.onPath() != null) {
      found = List.of(Kubectl.onPath());
    }
    assumeTrue(
        !found.isEmpty(),
        "no kubectl on the PATH: install kubectl (1.27 or newer) to run the kubectl tests");
    return found.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void everydayCommandsWork(Path binary, @TempDir Path home) throws Exception {
    try (ApiServer server = ApiServer.start()) {
      server.installCrds(RepoRoot.find().resolve("crds"));
      server.ensureNamespace("news");
      Kubectl kubectl =
          new Kubectl(binary, server.writeKubeconfig(home.resolve("config"), "news"), home);

      Kubectl.Result resources = kubectl.run("api-resources");
      assertThat(resources.exitCode()).as(resources.err()).isZero();
      assertThat(resources.out())
          .containsPattern(
              "livestreams\\s+ls,lstream\\s+streaming.onair.dev/v1alpha1\\s+true\\s+LiveStream")
          .containsPattern("restreams\\s+rst\\s+streaming.onair.dev/v1alpha1\\s+true\\s+Restream")
          .containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");

      Path examples = RepoRoot.find().resolve("examples/livestreams");
      Kubectl.Result applied = kubectl.run("apply", "-f", examples.toString());
      assertThat(applied.exitCode()).as(applied.both()).isZero();
      assertThat(applied.out()).contains("livestream.streaming.onair.dev/evening-news created");
      Kubectl.Result again = kubectl.run("apply", "-f", examples.toString());
      assertThat(again.out()).contains("livestream.streaming.onair.dev/evening-news unchanged");

      Kubectl.Result table = kubectl.run("get", "ls");
      assertThat(table.out().lines().findFirst().orElseThrow())
          .containsPattern("NAME\\s+PHASE\\s+READY\\s+PROFILE\\s+KBPS\\s+AGE");
      assertThat(kubectl.run("get", "ls", "-o", "wide").out())
          .containsPattern("KBPS\\s+MESSAGE\\s+AGE");
      assertThat(kubectl.run("get", "streaming").out())
          .contains("livestream.streaming.onair.dev/evening-news");

      Kubectl.Result explain = kubectl.run("explain", "livestream.spec.video");
      assertThat(explain.out()).contains("H.264 video profile.").contains("bitrateKbps");

      Kubectl.Result refused = kubectl.runWithInput(BAD, "apply", "-f", "-");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.err())
          .contains("The LiveStream \"bad-width\" is invalid: spec.video.width: Invalid value:");

      Kubectl.Result patched =
          kubectl.run(
              "patch",
              "ls",
              "evening-news",
              "--type=merge",
              "-p",
              "{\"spec\":{\"state\":\"Stopped\"}}");
      assertThat(patched.out()).contains("livestream.streaming.onair.dev/evening-news patched");
      assertThat(
              kubectl
                  .run("get", "ls", "evening-news", "-o", "jsonpath={.metadata.generation}")
                  .out())
          .isEqualTo("2");

      Path file = home.resolve("news.yaml");
      Files.writeString(
          file,
          Files.readString(examples.resolve("hls-with-overlay.yaml")).replace("3000", "2500"));
      Kubectl.Result diff = kubectl.run("diff", "-f", file.toString());
      assertThat(diff.exitCode()).as(diff.both()).isEqualTo(1); // 1: differences found
      assertThat(diff.out()).contains("+    bitrateKbps: 2500");

      Kubectl.Result ssa =
          kubectl.run("apply", "--server-side", "--force-conflicts", "-f", file.toString());
      assertThat(ssa.exitCode()).as(ssa.both()).isZero();
      assertThat(ssa.out()).contains("evening-news serverside-applied");
      assertThat(
              kubectl
                  .run(
                      "get",
                      "ls",
                      "evening-news",
                      "-o",
                      "jsonpath={.metadata.managedFields[*].manager}")
                  .out())
          .contains("kubectl");

      Kubectl.Result deleted = kubectl.run("delete", "ls", "evening-news");
      assertThat(deleted.out()).contains("livestream.streaming.onair.dev \"evening-news\" deleted");
      assertThat(kubectl.run("get", "ls", "evening-news").err()).contains("NotFound");
    }
  }
}
