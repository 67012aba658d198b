package dev.onair.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Where RBAC reads the Roles, ClusterRoles and their bindings: the live store, read each time. */
public interface RbacObjects {
  /** The RoleBindings of {@code namespace}. */
  List<JsonNode> roleBindings(String namespace);

  List<JsonNode> clusterRoleBindings();

  Optional<JsonNode> role(String namespace, String name);

  List<JsonNode> clusterRoles();
}
