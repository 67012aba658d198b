package dev.onair.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether labels satisfy a {@code metav1.LabelSelector} ({@code matchLabels}, {@code
 * matchExpressions} with In, NotIn, Exists, DoesNotExist), as an aggregationRule's
 * clusterRoleSelectors pick ClusterRoles.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  static boolean matches(JsonNode selector, JsonNode labels) {
    var wanted = selector.path("matchLabels").fields();
    while (wanted.hasNext()) {
      var label = wanted.next();
      if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode e : selector.path("matchExpressions")) {
      if (!expressionHolds(e, labels)) {
        return false;
      }
    }
    return true;
  }

  private static boolean expressionHolds(JsonNode e, JsonNode labels) {
    JsonNode value = labels.get(e.path("key").asText());
    boolean listed = false;
    for (JsonNode v : e.path("values")) {
      listed |= value != null && v.asText().equals(value.asText());
    }
    return switch (e.path("operator").asText()) {
      case "In" -> listed;
      case "NotIn" -> !listed;
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      default -> false;
    };
  }
}
