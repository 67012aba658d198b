package dev.onair.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether one RBAC {@code PolicyRule} covers a request, as kube's {@code RuleAllows}: verbs, API
 * groups, resources ({@code *}, {@code pods/log}, {@code *\/log}) and resource names for requests
 * on objects; verbs and non-resource URLs ({@code /apis/*} matching by prefix) for other paths.
 */
final class PolicyRules {
  private PolicyRules() {}

  static boolean allows(JsonNode rule, AccessRequest r) {
    if (!contains(rule.path("verbs"), r.verb())) {
      return false;
    }
    if (!r.resourceRequest()) {
      return urlMatches(rule.path("nonResourceURLs"), r.path());
    }
    return contains(rule.path("apiGroups"), r.group())
        && resourceMatches(rule.path("resources"), r.resource(), r.subresource())
        && nameMatches(rule.path("resourceNames"), r.name());
  }

  private static boolean contains(JsonNode values, String wanted) {
    for (JsonNode v : values) {
      if (v.asText().equals("*") || v.asText().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean resourceMatches(JsonNode resources, String resource, String sub) {
    String combined = sub.isEmpty() ? resource : resource + "/" + sub;
    for (JsonNode v : resources) {
      String r = v.asText();
      if (r.equals("*") || r.equals(combined) || (!sub.isEmpty() && r.equals("*/" + sub))) {
        return true;
      }
    }
    return false;
  }

  /** No resourceNames: any object; otherwise only those, so never a list or create. */
  private static boolean nameMatches(JsonNode names, String name) {
    if (names.isEmpty()) {
      return true;
    }
    for (JsonNode v : names) {
      if (v.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean urlMatches(JsonNode urls, String path) {
    for (JsonNode v : urls) {
      String u = v.asText();
      if (u.equals("*") || u.equals(path)) {
        return true;
      }
      if (u.endsWith("*") && path.startsWith(u.substring(0, u.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
