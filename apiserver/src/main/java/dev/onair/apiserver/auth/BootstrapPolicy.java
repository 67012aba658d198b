package dev.onair.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of kube-apiserver's bootstrap RBAC policy a user needs before any test grants it
 * anything: {@code cluster-admin} for {@code system:masters}, discovery, health and version for
 * every authenticated user, and self access reviews (what {@code kubectl auth can-i} sends). It is
 * compiled in rather than stored, so listing ClusterRoles shows only what was created; a stored
 * ClusterRole or ClusterRoleBinding of the same name takes its place.
 */
final class BootstrapPolicy {
  private static final String YAML =
      """
      clusterRoles:
      - metadata: {name: cluster-admin}
        rules:
        - {apiGroups: ["*"], resources: ["*"], verbs: ["*"]}
        - {nonResourceURLs: ["*"], verbs: ["*"]}
      - metadata: {name: "system:discovery"}
        rules:
        - nonResourceURLs: [/api, /api/*, /apis, /apis/*, /healthz, /livez, /openapi, /openapi/*,
                            /readyz, /version, /version/]
          verbs: [get]
      - metadata: {name: "system:basic-user"}
        rules:
        - apiGroups: [authorization.k8s.io]
          resources: [selfsubjectaccessreviews, selfsubjectrulesreviews]
          verbs: [create]
        - {apiGroups: [authentication.k8s.io], resources: [selfsubjectreviews], verbs: [create]}
      - metadata: {name: "system:public-info-viewer"}
        rules:
        - {nonResourceURLs: [/healthz, /livez, /readyz, /version, /version/], verbs: [get]}
      clusterRoleBindings:
      - metadata: {name: cluster-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters"}
      - metadata: {name: "system:discovery"}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:discovery"}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}
      - metadata: {name: "system:basic-user"}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:basic-user"}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}
      - metadata: {name: "system:public-info-viewer"}
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: "system:public-info-viewer"
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated"}
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:unauthenticated"}
      """;

  private static final JsonNode POLICY = parse();

  private BootstrapPolicy() {}

  private static JsonNode parse() {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(YAML);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<JsonNode> clusterRoles() {
    return items("clusterRoles");
  }

  static List<JsonNode> clusterRoleBindings() {
    return items("clusterRoleBindings");
  }

  private static List<JsonNode> items(String field) {
    List<JsonNode> items = new ArrayList<>();
    POLICY.path(field).forEach(items::add);
    return items;
  }
}
