package dev.onair.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP request as the handlers see it: method, path, decoded query, headers, body. */
record Call(
    String method,
    String path,
    Map<String, String> query,
    Map<String, String> headers,
    byte[] body) {

  static Map<String, String> parseQuery(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      q.put(k, v);
    }
    return q;
  }

  String param(String name) {
    return query.get(name);
  }

  boolean flag(String name) {
    String v = query.get(name);
    return v != null && (v.equals("true") || v.equals("1") || v.isEmpty());
  }

  /** A header by lower-case name, or "" when absent. */
  String header(String lowerCaseName) {
    return headers.getOrDefault(lowerCaseName, "");
  }

  /** The field manager kube-apiserver records: the parameter, else the user agent's first word. */
  String fieldManager() {
    String m = query.get("fieldManager");
    if (m != null && !m.isEmpty()) {
      return m;
    }
    String agent = header("user-agent");
    int slash = agent.indexOf('/');
    return agent.isEmpty() ? "unknown" : slash > 0 ? agent.substring(0, slash) : agent;
  }

  boolean dryRun() {
    return "All".equals(query.get("dryRun"));
  }
}
