package dev.onair.operator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onair.apiserver.ApiServer;
import dev.onair.apiserver.RequestLog;
import dev.onair.operator.TestApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reviews go to the Kubernetes API once per TTL, are bounded, and fail loudly when it is gone. */
class AccessReviewsTest {
  private final AtomicLong now = new AtomicLong();
  private ApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = TestApiServer.startWith("news");
    client = TestApiServer.client(server);
    server.tokens().add("alice-token", "alice", "newsroom");
    server.requests().record(true);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aTokenIsReviewedOncePerTtlAndAnUnknownOneIsNobody() throws Exception {
    AccessReviews reviews = new AccessReviews(client, List.of(), Duration.ofSeconds(10), now::get);
    Caller alice = reviews.authenticate("alice-token").orElseThrow();
    assertThat(alice.username()).isEqualTo("alice");
    assertThat(alice.groups()).contains("newsroom", "system:authenticated");
    assertThat(reviews.authenticate("alice-token")).contains(alice);
    assertThat(reviews.authenticate("forged")).isEmpty();
    assertThat(reviews.authenticate("forged")).isEmpty();
    assertThat(tokenReviews()).isEqualTo(2);

    now.addAndGet(Duration.ofSeconds(11).toNanos());
    server.tokens().remove("alice-token");
    assertThat(reviews.authenticate("alice-token")).isEmpty();
  }

  @Test
  void permissionsFollowRoleBindingsWithinTheTtl() throws Exception {
    AccessReviews reviews = new AccessReviews(client, List.of(), Duration.ofSeconds(10), now::get);
    Caller alice = reviews.authenticate("alice-token").orElseThrow();
    var question =
        new AccessReviews.Question("get", "streaming.onair.dev", "livestreams", "news", alice);
    assertThat(reviews.may(question)).isFalse();
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: viewer, namespace: news}
        rules: [{apiGroups: [streaming.onair.dev], resources: [livestreams], verbs: [get]}]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: alice-views, namespace: news}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}]
        """);
    assertThat(reviews.may(question)).as("remembered for the TTL").isFalse();
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(reviews.may(question)).isTrue();
  }

  @Test
  void anUnreachableApiIsAnErrorNotARefusal() {
    AccessReviews reviews = new AccessReviews(client, List.of(), Duration.ofSeconds(10), now::get);
    server.close();
    assertThatThrownBy(() -> reviews.authenticate("alice-token"))
        .isInstanceOf(ReviewUnavailable.class);
  }

  @Test
  void aFullCacheKeepsWhatItHasAndRemembersNothingNew() {
    ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(10), 2, now::get);
    cache.put("a", "1");
    cache.put("b", "2");
    cache.put("c", "3");
    assertThat(cache.get("a")).contains("1");
    assertThat(cache.get("c")).isEmpty();
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    cache.put("c", "3");
    assertThat(cache.get("c")).contains("3");
    assertThat(cache.size()).isEqualTo(1);
  }

  private long tokenReviews() {
    return server.requests().drain().stream()
        .map(RequestLog.Entry::path)
        .filter(p -> p.endsWith("/tokenreviews"))
        .count();
  }
}
