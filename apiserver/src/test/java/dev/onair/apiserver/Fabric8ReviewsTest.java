package dev.onair.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an authenticating API in OnAir's operator does with fabric8 against the stand-in: review a
 * caller's token, then ask whether that user may act in a namespace, as it would of a cluster.
 */
class Fabric8ReviewsTest {
  private static ApiServer server;
  private static KubernetesClient admin;

  @BeforeAll
  static void start() {
    server = ApiServer.start();
    server.ensureNamespace("a");
    server.ensureNamespace("b");
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: stream-viewer}
        rules: [{apiGroups: [streaming.onair.dev], resources: [livestreams], verbs: [get, list]}]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: viewers, namespace: a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: stream-viewer}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: viewers}]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: pod-viewers, namespace: a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pod-reader}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: viewers}]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: pod-reader}
        rules: [{apiGroups: [''], resources: [pods], verbs: [list]}]
        """);
    server.tokens().add("viewer-token", "vera", "viewers");
    admin = client(null);
  }

  @AfterAll
  static void stop() {
    admin.close();
    server.close();
  }

  private static KubernetesClient client(String token) {
    ConfigBuilder config =
        new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).withNamespace("a");
    if (token != null) {
      config.withOauthToken(token);
    }
    return new KubernetesClientBuilder().withConfig(config.build()).build();
  }

  @Test
  void aTokenReviewThenASubjectAccessReviewDecideForTheCaller() {
    TokenReview reviewed =
        admin
            .authentication()
            .v1()
            .tokenReviews()
            .create(
                new TokenReviewBuilder().withNewSpec().withToken("viewer-token").endSpec().build());

    assertThat(reviewed.getStatus().getAuthenticated()).isTrue();
    assertThat(reviewed.getStatus().getUser().getUsername()).isEqualTo("vera");
    assertThat(reviewed.getStatus().getUser().getGroups())
        .containsExactly("viewers", "system:authenticated");

    assertThat(mayList(reviewed, "a").getStatus().getAllowed()).isTrue();
    assertThat(mayList(reviewed, "a").getStatus().getReason())
        .isEqualTo(
            "RBAC: allowed by RoleBinding \"viewers/a\" of ClusterRole \"stream-viewer\" to Group"
                + " \"viewers\"");
    assertThat(mayList(reviewed, "b").getStatus().getAllowed()).isFalse();
  }

  @Test
  void anUnknownTokenIsNotAuthenticated() {
    TokenReview reviewed =
        admin
            .authentication()
            .v1()
            .tokenReviews()
            .create(new TokenReviewBuilder().withNewSpec().withToken("stolen").endSpec().build());

    assertThat(reviewed.getStatus().getAuthenticated()).isNotEqualTo(Boolean.TRUE);
    assertThat(reviewed.getStatus().getError()).isEqualTo("invalid bearer token");
  }

  @Test
  void aClientWithTheTokenIsServedInItsNamespaceAndForbiddenInTheOther() {
    try (KubernetesClient vera = client("viewer-token")) {
      assertThat(vera.pods().inNamespace("a").list().getItems()).isEmpty();

      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class, () -> vera.pods().inNamespace("b").list());

      assertThat(refused.getCode()).isEqualTo(403);
      assertThat(refused.getStatus().getReason()).isEqualTo("Forbidden");
      assertThat(refused.getStatus().getMessage())
          .isEqualTo(
              "pods is forbidden: User \"vera\" cannot list resource \"pods\" in API group \"\" in"
                  + " the namespace \"b\"");
    }
  }

  @Test
  void aClientWithAnUnknownTokenIsUnauthorized() {
    try (KubernetesClient stranger = client("stolen")) {
      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class, () -> stranger.pods().inNamespace("a").list());

      assertThat(refused.getCode()).isEqualTo(401);
    }
  }

  private static SubjectAccessReview mayList(TokenReview reviewed, String namespace) {
    return admin
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(
            new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(reviewed.getStatus().getUser().getUsername())
                .withGroups(reviewed.getStatus().getUser().getGroups())
                .withNewResourceAttributes()
                .withNamespace(namespace)
                .withVerb("list")
                .withGroup("streaming.onair.dev")
                .withResource("livestreams")
                .endResourceAttributes()
                .endSpec()
                .build());
  }
}
