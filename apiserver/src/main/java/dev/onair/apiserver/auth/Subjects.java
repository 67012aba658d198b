package dev.onair.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether a binding's subject is the user, as kube's RBAC {@code appliesToUser}: a User by name, a
 * Group by membership, a ServiceAccount by its user name (the binding's namespace when the subject
 * names none).
 */
final class Subjects {
  private Subjects() {}

  static boolean appliesTo(JsonNode subject, User user, String bindingNamespace) {
    String name = subject.path("name").asText();
    return switch (subject.path("kind").asText()) {
      case "User" -> user.name().equals(name);
      case "Group" -> user.inGroup(name);
      case "ServiceAccount" ->
          user.name().equals(User.serviceAccountName(namespaceOf(subject, bindingNamespace), name));
      default -> false;
    };
  }

  /** {@code User "alice"}, {@code ServiceAccount "operator/onair"}, as RBAC's reasons name one. */
  static String describe(JsonNode subject, String bindingNamespace) {
    String kind = subject.path("kind").asText();
    String name = subject.path("name").asText();
    if (kind.equals("ServiceAccount")) {
      name = name + "/" + namespaceOf(subject, bindingNamespace);
    }
    return kind + " \"" + name + "\"";
  }

  private static String namespaceOf(JsonNode subject, String bindingNamespace) {
    String ns = subject.path("namespace").asText("");
    return ns.isEmpty() ? bindingNamespace : ns;
  }
}
