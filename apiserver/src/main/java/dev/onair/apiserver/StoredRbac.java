package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onair.apiserver.auth.RbacObjects;
import java.util.List;
import java.util.Optional;

/** The RBAC objects as stored now: RBAC reads them on every decision, never from a cache. */
final class StoredRbac implements RbacObjects {
  private static final String GROUP = "rbac.authorization.k8s.io/";

  private final Store store;

  StoredRbac(Store store) {
    this.store = store;
  }

  @Override
  public List<JsonNode> roleBindings(String namespace) {
    return list("rolebindings", namespace);
  }

  @Override
  public List<JsonNode> clusterRoleBindings() {
    return list("clusterrolebindings", null);
  }

  @Override
  public Optional<JsonNode> role(String namespace, String name) {
    return Optional.ofNullable(store.get(GROUP + "roles", namespace, name));
  }

  @Override
  public List<JsonNode> clusterRoles() {
    return list("clusterroles", null);
  }

  private List<JsonNode> list(String plural, String namespace) {
    return List.copyOf(store.list(GROUP + plural, namespace).items());
  }
}
