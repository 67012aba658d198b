package dev.onair.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onair.apiserver.auth.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens as kube-apiserver treats them: a registered token makes the request its user's and
 * RBAC decides (403 in kube's words), an unknown one is 401, none at all is the administrator;
 * TokenReview and the self reviews answer for the same tokens.
 */
class AuthenticationTest {
  private static ApiServer server;
  private static Rest anonymous;

  @BeforeAll
  static void start() {
    server = ApiServer.start();
    server.ensureNamespace("a");
    server.ensureNamespace("b");
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-reader, namespace: a}
        rules: [{apiGroups: [''], resources: [pods], verbs: [get, list]}]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: alice-reads-pods, namespace: a}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: alice}]
        """);
    server.tokens().add("alice-token", "alice", "streamers");
    anonymous = new Rest(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aTokenUserIsServedWhereRbacAllowsAndForbiddenElsewhere() {
    Rest alice = anonymous.withToken("alice-token");

    Rest.Answer inA = alice.get("/api/v1/namespaces/a/pods");
    assertThat(inA.code()).isEqualTo(200);
    assertThat(inA.body().path("kind").asText()).isEqualTo("PodList");

    Rest.Answer inB = alice.get("/api/v1/namespaces/b/pods");
    assertThat(inB.code()).isEqualTo(403);
    assertThat(inB.body().toString())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"pods is forbidden: User \\\"alice\\\" cannot list resource"
                + " \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"b\\\"\","
                + "\"reason\":\"Forbidden\",\"details\":{\"kind\":\"pods\"},\"code\":403}");

    Rest.Answer named = alice.send("DELETE", "/api/v1/namespaces/a/pods/web", null, null);
    assertThat(named.code()).isEqualTo(403);
    assertThat(named.body().path("message").asText())
        .isEqualTo(
            "pods \"web\" is forbidden: User \"alice\" cannot delete resource \"pods\" in API"
                + " group \"\" in the namespace \"a\"");
    assertThat(named.body().path("details").toString())
        .isEqualTo("{\"name\":\"web\",\"kind\":\"pods\"}");

    Rest.Answer crds = alice.get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    assertThat(crds.body().path("message").asText())
        .endsWith(
            "cannot list resource \"customresourcedefinitions\" in API group"
                + " \"apiextensions.k8s.io\" at the cluster scope");
    assertThat(crds.body().path("details").path("group").asText())
        .isEqualTo("apiextensions.k8s.io");
  }

  @Test
  void aTokenUserMayDiscoverButNotReadPathsNoRoleGrants() {
    Rest alice = anonymous.withToken("alice-token");

    assertThat(alice.get("/apis").code()).isEqualTo(200);
    assertThat(alice.get("/api/v1").code()).isEqualTo(200);
    assertThat(alice.get("/version").code()).isEqualTo(200);
    Rest.Answer metrics = alice.get("/metrics");
    assertThat(metrics.code()).isEqualTo(403);
    assertThat(metrics.body().path("message").asText())
        .isEqualTo("forbidden: User \"alice\" cannot get path \"/metrics\"");
    assertThat(metrics.body().path("details").toString()).isEqualTo("{}");
  }

  @Test
  void anUnknownTokenIsUnauthorizedEvenWhereAnonymousRequestsAreServed() {
    Rest.Answer answer = anonymous.withToken("no-such-token").get("/api/v1/namespaces/a/pods");

    assertThat(answer.code()).isEqualTo(401);
    assertThat(answer.body().toString())
        .isEqualTo(
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
    assertThat(anonymous.get("/api/v1/namespaces/b/pods").code()).isEqualTo(200);
  }

  @Test
  void aRemovedTokenIsUnauthorized() {
    server.tokens().add("temporary", "temp");
    Rest temp = anonymous.withToken("temporary");
    assertThat(temp.get("/apis").code()).isEqualTo(200);

    server.tokens().remove("temporary");

    assertThat(temp.get("/apis").code()).isEqualTo(401);
  }

  @Test
  void tokenReviewNamesTheTokensUserAndGroups() {
    User registered = server.tokens().addServiceAccount("sa-token", "a", "onair");

    Rest.Answer answer = tokenReview("sa-token");

    assertThat(answer.code()).isEqualTo(201);
    JsonNode status = answer.body().path("status");
    assertThat(status.path("authenticated").asBoolean()).isTrue();
    assertThat(status.path("user").path("username").asText())
        .isEqualTo("system:serviceaccount:a:onair");
    assertThat(status.path("user").path("uid").asText()).isEqualTo(registered.uid()).isNotEmpty();
    assertThat(status.path("user").path("groups").toString())
        .isEqualTo(
            "[\"system:serviceaccounts\",\"system:serviceaccounts:a\",\"system:authenticated\"]");
  }

  @Test
  void tokenReviewOfAnUnknownTokenIsNotAuthenticated() {
    Rest.Answer answer = tokenReview("forged");

    assertThat(answer.code()).isEqualTo(201);
    JsonNode status = answer.body().path("status");
    assertThat(status.path("authenticated").asBoolean()).isFalse();
    assertThat(status.path("user").isEmpty()).isTrue();
    assertThat(status.path("error").asText()).isEqualTo("invalid bearer token");
  }

  @Test
  void tokenReviewNeedsAToken() {
    Rest.Answer answer = tokenReview("");

    assertThat(answer.code()).isEqualTo(400);
    assertThat(answer.body().path("message").asText())
        .isEqualTo("token is required for TokenReview in authentication");
  }

  @Test
  void aTokenUserMayNotReviewTokensWithoutAGrant() {
    Rest.Answer answer =
        anonymous
            .withToken("alice-token")
            .post(
                "/apis/authentication.k8s.io/v1/tokenreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\","
                    + "\"spec\":{\"token\":\"alice-token\"}}");

    assertThat(answer.code()).isEqualTo(403);
    assertThat(answer.body().path("message").asText())
        .isEqualTo(
            "tokenreviews.authentication.k8s.io is forbidden: User \"alice\" cannot create"
                + " resource \"tokenreviews\" in API group \"authentication.k8s.io\" at the"
                + " cluster scope");
  }

  @Test
  void selfSubjectAccessReviewAnswersForTheCaller() {
    String listPodsInA =
        """
        {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
         "spec":{"resourceAttributes":{"namespace":"%s","verb":"list","resource":"pods"}}}
        """;
    String path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";
    Rest alice = anonymous.withToken("alice-token");

    assertThat(alice.post(path, listPodsInA.formatted("a")).body().path("status").path("allowed"))
        .hasToString("true");
    assertThat(alice.post(path, listPodsInA.formatted("b")).body().path("status").path("allowed"))
        .hasToString("false");
    assertThat(
            anonymous.post(path, listPodsInA.formatted("b")).body().path("status").path("allowed"))
        .as("no token: the administrator")
        .hasToString("true");
  }

  @Test
  void selfSubjectRulesReviewListsTheCallersRulesInANamespace() {
    String rulesIn =
        """
        {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectRulesReview",
         "spec":{"namespace":"%s"}}
        """;
    String path = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";
    Rest alice = anonymous.withToken("alice-token");

    JsonNode inA = alice.post(path, rulesIn.formatted("a")).body().path("status");
    assertThat(inA.path("resourceRules").toString())
        .contains("{\"verbs\":[\"get\",\"list\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}");
    assertThat(inA.path("nonResourceRules").toString()).contains("\"/apis/*\"");
    assertThat(inA.path("incomplete").asBoolean()).isFalse();
    JsonNode inB = alice.post(path, rulesIn.formatted("b")).body().path("status");
    assertThat(inB.path("resourceRules").toString()).doesNotContain("\"pods\"");
  }

  @Test
  void selfSubjectReviewSaysWhoTheCallerIs() {
    String path = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
    String body = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}";

    JsonNode alice = anonymous.withToken("alice-token").post(path, body).body();
    assertThat(alice.path("status").path("userInfo").path("username").asText()).isEqualTo("alice");
    assertThat(alice.path("status").path("userInfo").path("groups").toString())
        .isEqualTo("[\"streamers\",\"system:authenticated\"]");
    JsonNode admin = anonymous.post(path, body).body();
    assertThat(admin.path("status").path("userInfo").path("groups").toString())
        .contains("system:masters");
  }

  @Test
  void discoveryListsTheReviewKindsWithCreateOnly() {
    JsonNode authn = anonymous.get("/apis/authentication.k8s.io/v1").body();
    assertThat(authn.path("resources").toString())
        .contains(
            "{\"name\":\"tokenreviews\",\"singularName\":\"tokenreview\",\"namespaced\":false,"
                + "\"kind\":\"TokenReview\",\"verbs\":[\"create\"]}");
    JsonNode authz = anonymous.get("/apis/authorization.k8s.io/v1").body();
    assertThat(authz.path("resources").findValuesAsText("name"))
        .containsExactlyInAnyOrder(
            "subjectaccessreviews",
            "localsubjectaccessreviews",
            "selfsubjectaccessreviews",
            "selfsubjectrulesreviews");
    assertThat(anonymous.get("/apis/authorization.k8s.io/v1/subjectaccessreviews").code())
        .isEqualTo(405);
  }

  private static Rest.Answer tokenReview(String token) {
    return anonymous.post(
        "/apis/authentication.k8s.io/v1/tokenreviews",
        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\","
            + "\"spec\":{\"token\":\""
            + token
            + "\"}}");
  }
}
