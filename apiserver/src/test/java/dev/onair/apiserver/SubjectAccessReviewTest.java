package dev.onair.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SubjectAccessReview answered by RBAC over the stored Roles, ClusterRoles and bindings, as
 * kube-apiserver answers it: which binding allows, and nothing more than it grants.
 */
class SubjectAccessReviewTest {
  private static final String REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
  private static ApiServer server;
  private static Rest rest;

  @BeforeAll
  static void start() {
    server = ApiServer.start();
    for (String ns : List.of("a", "b")) {
      server.ensureNamespace(ns);
    }
    rest = new Rest(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The status of a review of {@code user} in {@code groups} doing {@code attributes}. */
  private static JsonNode review(String user, List<String> groups, ObjectNode attributes) {
    ObjectNode sar = Json.MAPPER.createObjectNode();
    sar.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SubjectAccessReview");
    ObjectNode spec = sar.putObject("spec");
    spec.put("user", user);
    groups.forEach(spec.putArray("groups")::add);
    spec.set(attributes.has("path") ? "nonResourceAttributes" : "resourceAttributes", attributes);
    Rest.Answer answer = rest.post(REVIEWS, sar.toString());
    assertThat(answer.code()).as(String.valueOf(answer.body())).isEqualTo(201);
    assertThat(answer.body().path("kind").asText()).isEqualTo("SubjectAccessReview");
    return answer.body().path("status");
  }

  private static JsonNode review(String user, ObjectNode attributes) {
    return review(user, List.of(), attributes);
  }

  private static ObjectNode on(String namespace, String verb, String group, String resource) {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("namespace", namespace).put("verb", verb).put("group", group).put("resource", resource);
    return a;
  }

  private static ObjectNode path(String verb, String path) {
    return Json.MAPPER.createObjectNode().put("verb", verb).put("path", path);
  }

  private static boolean allowed(String user, ObjectNode attributes) {
    return review(user, attributes).path("allowed").asBoolean();
  }

  private static void role(String namespace, String name, String rules) {
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: %s, namespace: %s}
        rules: %s
        """
            .formatted(name, namespace, rules));
  }

  private static void clusterRole(String name, String rules) {
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: %s}
        rules: %s
        """
            .formatted(name, rules));
  }

  private static void roleBinding(
      String namespace, String name, String roleKind, String role, String subjects) {
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: %s, namespace: %s}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: %s}
        subjects: %s
        """
            .formatted(name, namespace, roleKind, role, subjects));
  }

  private static String user(String name) {
    return "[{apiGroup: rbac.authorization.k8s.io, kind: User, name: %s}]".formatted(name);
  }

  @Test
  void roleBindingToRoleAllowsOnlyItsVerbsInItsNamespace() {
    role("a", "pod-reader", "[{apiGroups: [''], resources: [pods], verbs: [get, list]}]");
    roleBinding("a", "alice-reads-pods", "Role", "pod-reader", user("alice"));

    JsonNode inA = review("alice", on("a", "list", "", "pods"));
    assertThat(inA.path("allowed").asBoolean()).isTrue();
    assertThat(inA.path("reason").asText())
        .isEqualTo(
            "RBAC: allowed by RoleBinding \"alice-reads-pods/a\" of Role \"pod-reader\" to User"
                + " \"alice\"");
    JsonNode inB = review("alice", on("b", "list", "", "pods"));
    assertThat(inB.path("allowed").asBoolean()).isFalse();
    assertThat(inB.has("reason")).isFalse();
    assertThat(allowed("alice", on("a", "delete", "", "pods"))).isFalse();
    assertThat(allowed("alice", on("", "list", "", "pods"))).as("cluster-wide").isFalse();
    assertThat(allowed("mallory", on("a", "list", "", "pods"))).isFalse();
  }

  @Test
  void roleBindingToClusterRoleGrantsItsRulesInTheBindingsNamespaceOnly() {
    clusterRole(
        "stream-viewer",
        "[{apiGroups: [streaming.onair.dev], resources: [livestreams], verbs: [get, list]}]");
    roleBinding("a", "bob-views-streams", "ClusterRole", "stream-viewer", user("bob"));

    JsonNode inA = review("bob", on("a", "get", "streaming.onair.dev", "livestreams"));
    assertThat(inA.path("allowed").asBoolean()).isTrue();
    assertThat(inA.path("reason").asText())
        .isEqualTo(
            "RBAC: allowed by RoleBinding \"bob-views-streams/a\" of ClusterRole \"stream-viewer\""
                + " to User \"bob\"");
    assertThat(allowed("bob", on("b", "get", "streaming.onair.dev", "livestreams"))).isFalse();
    assertThat(allowed("bob", on("", "list", "streaming.onair.dev", "livestreams"))).isFalse();
    assertThat(allowed("bob", on("a", "get", "", "livestreams"))).as("other group").isFalse();
  }

  @Test
  void clusterRoleBindingGrantsInEveryNamespaceAndClusterWide() {
    clusterRole("ns-lister", "[{apiGroups: [''], resources: [namespaces, pods], verbs: [list]}]");
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: carol-lists}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ns-lister}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: carol}]
        """);

    assertThat(allowed("carol", on("", "list", "", "namespaces"))).isTrue();
    assertThat(allowed("carol", on("a", "list", "", "pods"))).isTrue();
    assertThat(allowed("carol", on("b", "list", "", "pods"))).isTrue();
    assertThat(review("carol", on("b", "list", "", "pods")).path("reason").asText())
        .isEqualTo(
            "RBAC: allowed by ClusterRoleBinding \"carol-lists\" of ClusterRole \"ns-lister\" to"
                + " User \"carol\"");
    assertThat(allowed("carol", on("b", "watch", "", "pods"))).isFalse();
  }

  @Test
  void groupSubjectsMatchByMembershipOnly() {
    role("b", "secret-reader", "[{apiGroups: [''], resources: [secrets], verbs: [get]}]");
    roleBinding(
        "b",
        "auditors-read-secrets",
        "Role",
        "secret-reader",
        "[{apiGroup: rbac.authorization.k8s.io, kind: Group, name: auditors}]");

    JsonNode member = review("dave", List.of("auditors"), on("b", "get", "", "secrets"));
    assertThat(member.path("allowed").asBoolean()).isTrue();
    assertThat(member.path("reason").asText()).endsWith("to Group \"auditors\"");
    assertThat(allowed("dave", on("b", "get", "", "secrets"))).isFalse();
    assertThat(review("auditors", List.of(), on("b", "get", "", "secrets")).path("allowed"))
        .as("a user named like the group is not in it")
        .hasToString("false");
  }

  @Test
  void serviceAccountSubjectsMatchTheAccountsUserName() {
    role("a", "cm-writer", "[{apiGroups: [''], resources: [configmaps], verbs: ['*']}]");
    roleBinding(
        "a", "operator-writes", "Role", "cm-writer", "[{kind: ServiceAccount, name: onair}]");
    roleBinding(
        "b",
        "all-accounts-of-a",
        "ClusterRole",
        "stream-viewer-sa",
        "[{apiGroup: rbac.authorization.k8s.io, kind: Group, name: 'system:serviceaccounts:a'}]");
    clusterRole(
        "stream-viewer-sa",
        "[{apiGroups: [streaming.onair.dev], resources: [livestreams], verbs: [list]}]");

    JsonNode own = review("system:serviceaccount:a:onair", on("a", "update", "", "configmaps"));
    assertThat(own.path("allowed").asBoolean()).isTrue();
    assertThat(own.path("reason").asText()).endsWith("to ServiceAccount \"onair/a\"");
    assertThat(allowed("system:serviceaccount:b:onair", on("a", "update", "", "configmaps")))
        .isFalse();
    assertThat(
            review(
                    "system:serviceaccount:a:other",
                    List.of("system:serviceaccounts", "system:serviceaccounts:a"),
                    on("b", "list", "streaming.onair.dev", "livestreams"))
                .path("allowed")
                .asBoolean())
        .isTrue();
  }

  @Test
  void resourceNamesLimitARuleToThoseObjects() {
    role(
        "a",
        "one-config",
        "[{apiGroups: [''], resources: [configmaps], resourceNames: [settings], verbs: [get,"
            + " list]}]");
    roleBinding("a", "erin-one-config", "Role", "one-config", user("erin"));

    ObjectNode settings = on("a", "get", "", "configmaps").put("name", "settings");
    ObjectNode other = on("a", "get", "", "configmaps").put("name", "other");
    assertThat(allowed("erin", settings)).isTrue();
    assertThat(allowed("erin", other)).isFalse();
    assertThat(allowed("erin", on("a", "list", "", "configmaps"))).as("unnamed list").isFalse();
  }

  @Test
  void wildcardsAndSubresourcesMatchAsKubeDoes() {
    role("b", "everything", "[{apiGroups: ['*'], resources: ['*'], verbs: ['*']}]");
    roleBinding("b", "frank-everything", "Role", "everything", user("frank"));
    role("a", "logs-only", "[{apiGroups: [''], resources: [pods/log], verbs: [get]}]");
    roleBinding("a", "gina-logs", "Role", "logs-only", user("gina"));
    role("a", "any-status", "[{apiGroups: ['*'], resources: ['*/status'], verbs: [update]}]");
    roleBinding("a", "gina-status", "Role", "any-status", user("gina"));

    assertThat(allowed("frank", on("b", "deletecollection", "apps", "deployments"))).isTrue();
    assertThat(allowed("frank", on("b", "get", "", "pods").put("subresource", "log"))).isTrue();
    assertThat(allowed("frank", on("a", "get", "", "pods"))).isFalse();

    assertThat(allowed("gina", on("a", "get", "", "pods").put("subresource", "log"))).isTrue();
    assertThat(allowed("gina", on("a", "get", "", "pods"))).isFalse();
    ObjectNode streamStatus =
        on("a", "update", "streaming.onair.dev", "livestreams").put("subresource", "status");
    assertThat(allowed("gina", streamStatus)).isTrue();
    assertThat(allowed("gina", on("a", "update", "streaming.onair.dev", "livestreams"))).isFalse();
  }

  @Test
  void nonResourceUrlsMatchExactlyOrByTrailingStar() {
    clusterRole("metrics-reader", "[{nonResourceURLs: [/metrics, '/debug/*'], verbs: [get]}]");
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: hank-metrics}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: hank}]
        """);

    assertThat(allowed("hank", path("get", "/metrics"))).isTrue();
    assertThat(allowed("hank", path("get", "/debug/pprof/heap"))).isTrue();
    assertThat(allowed("hank", path("get", "/metrics/extra"))).isFalse();
    assertThat(allowed("hank", path("post", "/metrics"))).isFalse();
    assertThat(allowed("nobody", path("get", "/metrics"))).isFalse();
  }

  @Test
  void theBootstrapPolicyLetsAuthenticatedUsersDiscoverAndMastersDoAnything() {
    assertThat(review("x", List.of("system:authenticated"), path("get", "/apis")).path("allowed"))
        .hasToString("true");
    assertThat(review("x", List.of(), path("get", "/apis")).path("allowed")).hasToString("false");
    assertThat(
            review("root", List.of("system:masters"), on("b", "delete", "", "secrets"))
                .path("allowed"))
        .hasToString("true");
  }

  @Test
  void aGrantCountsAtOnceAndItsRemovalToo() {
    ObjectNode listStreams = on("b", "list", "streaming.onair.dev", "livestreams");
    assertThat(allowed("ivy", listStreams)).isFalse();

    roleBinding("b", "ivy-views", "ClusterRole", "stream-viewer-live", user("ivy"));
    JsonNode missing = review("ivy", listStreams);
    assertThat(missing.path("allowed").asBoolean()).isFalse();
    assertThat(missing.path("reason").asText())
        .isEqualTo("RBAC: clusterrole.rbac.authorization.k8s.io \"stream-viewer-live\" not found");

    clusterRole(
        "stream-viewer-live",
        "[{apiGroups: [streaming.onair.dev], resources: [livestreams], verbs: [list]}]");
    assertThat(allowed("ivy", listStreams)).isTrue();

    Rest.Answer deleted =
        rest.send(
            "DELETE",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/b/rolebindings/ivy-views",
            null,
            null);
    assertThat(deleted.code()).isEqualTo(200);
    assertThat(allowed("ivy", listStreams)).isFalse();
  }

  @Test
  void anAggregatedClusterRoleHasTheRulesOfTheRolesItSelects() {
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: onair-aggregate}
        aggregationRule:
          clusterRoleSelectors: [{matchLabels: {onair.dev/aggregate-to-view: "true"}}]
        rules: []
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: onair-restreams, labels: {onair.dev/aggregate-to-view: "true"}}
        rules: [{apiGroups: [streaming.onair.dev], resources: [restreams], verbs: [get]}]
        """);
    roleBinding("a", "jack-aggregate", "ClusterRole", "onair-aggregate", user("jack"));

    assertThat(allowed("jack", on("a", "get", "streaming.onair.dev", "restreams"))).isTrue();
    assertThat(allowed("jack", on("a", "get", "streaming.onair.dev", "livestreams"))).isFalse();
  }

  @Test
  void aReviewWithoutSubjectOrAttributesIsInvalid() {
    Rest.Answer answer =
        rest.post(
            REVIEWS,
            """
            {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
             "spec":{"resourceAttributes":{"verb":"get","resource":"pods"}}}
            """);

    assertThat(answer.code()).isEqualTo(422);
    assertThat(answer.body().path("reason").asText()).isEqualTo("Invalid");
    assertThat(answer.body().path("message").asText())
        .isEqualTo(
            "SubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.user: Invalid value:"
                + " \"\": at least one of user or group must be specified");
  }
}
