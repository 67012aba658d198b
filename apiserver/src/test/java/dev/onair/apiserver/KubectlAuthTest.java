package dev.onair.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The machine's real kubectl (1.27, 1.32 and 1.33) asking the stand-in {@code auth can-i} and
 * {@code auth whoami} with a bearer token, as it would ask a cluster with RBAC. The server is the
 * HTTPS one: kubectl sends {@code --token} over TLS only (and, 1.32 on, sends the reviews as
 * protobuf).
 */
class KubectlAuthTest {
  static Stream<Path> kubectls() {
    List<Path> found = Kubectl.versions("1.27", "1.32", "1.33");
    assumeTrue(
        !found.isEmpty(),
        "no kubectl.1.27/1.32/1.33 beside the kubectl on the PATH: the kubectl tests need them");
    return found.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void canIAnswersFromRbacForTheTokensUser(Path binary, @TempDir Path home) {
    try (ApiServer server = ApiServer.startHttps()) {
      server.installCrds(RepoRoot.find().resolve("crds"));
      server.ensureNamespace("a");
      server.ensureNamespace("b");
      server.create(
          """
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: {name: stream-viewer, namespace: a}
          rules: [{apiGroups: [streaming.onair.dev], resources: [livestreams], verbs: [get, list]}]
          """);
      server.create(
          """
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: {name: vera-views, namespace: a}
          roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: stream-viewer}
          subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: vera}]
          """);
      server.tokens().add("vera-token", "vera", "viewers");
      Kubectl kubectl =
          new Kubectl(binary, server.writeKubeconfig(home.resolve("config"), "a"), home);

      Kubectl.Result inA = kubectl.run("auth", "can-i", "get", "livestreams", "--token=vera-token");
      assertThat(inA.exitCode()).as(inA.both()).isZero();
      assertThat(inA.out().trim()).isEqualTo("yes");

      Kubectl.Result inB =
          kubectl.run("auth", "can-i", "get", "livestreams", "-n", "b", "--token=vera-token");
      assertThat(inB.exitCode()).as(inB.both()).isEqualTo(1);
      assertThat(inB.out().trim()).isEqualTo("no");

      Kubectl.Result delete =
          kubectl.run("auth", "can-i", "delete", "livestreams", "--token=vera-token");
      assertThat(delete.out().trim()).as(delete.both()).isEqualTo("no");

      server.tokens().add("root-token", "root", "system:masters");
      Kubectl.Result root =
          kubectl.run("auth", "can-i", "delete", "livestreams", "-n", "b", "--token=root-token");
      assertThat(root.out().trim()).as(root.both()).isEqualTo("yes");

      Kubectl.Result list = kubectl.run("auth", "can-i", "--list", "--token=vera-token");
      assertThat(list.exitCode()).as(list.both()).isZero();
      assertThat(list.out())
          .containsPattern(
              "livestreams\\.streaming\\.onair\\.dev\\s+\\[\\]\\s+\\[\\]\\s+\\[get list\\]")
          .containsPattern(
              "selfsubjectaccessreviews\\.authorization\\.k8s\\.io\\s+\\[\\]\\s+\\[\\]\\s+\\[create\\]");

      Kubectl.Result forbidden = kubectl.run("get", "ls", "-n", "b", "--token=vera-token");
      assertThat(forbidden.exitCode()).isNotZero();
      assertThat(forbidden.err())
          .contains(
              "livestreams.streaming.onair.dev is forbidden: User \"vera\" cannot list resource"
                  + " \"livestreams\" in API group \"streaming.onair.dev\" in the namespace \"b\"");

      Kubectl.Result unknown = kubectl.run("auth", "can-i", "get", "pods", "--token=stolen");
      assertThat(unknown.exitCode()).isNotZero();
      assertThat(unknown.err()).contains("Unauthorized");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectls")
  void whoamiNamesTheTokensUser(Path binary, @TempDir Path home) {
    assumeTrue(!binary.toString().endsWith("1.27"), "kubectl 1.27 has only alpha auth whoami");
    try (ApiServer server = ApiServer.startHttps()) {
      server.tokens().add("vera-token", "vera", "viewers");
      Kubectl kubectl =
          new Kubectl(binary, server.writeKubeconfig(home.resolve("config"), "default"), home);

      Kubectl.Result whoami = kubectl.run("auth", "whoami", "--token=vera-token");

      assertThat(whoami.exitCode()).as(whoami.both()).isZero();
      assertThat(whoami.out())
          .containsPattern("Username\\s+vera")
          .containsPattern("Groups\\s+\\[viewers system:authenticated\\]");
    }
  }
}
