package dev.onair.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset CRD printer columns use: {@code .a.b}, {@code [0]}, {@code [*]} and filters
 * {@code [?(@.type=="Ready")]} (with {@code ==} or {@code !=}), as kube-apiserver evaluates them.
 */
final class JsonPath {
  private static final Pattern FILTER =
      Pattern.compile(
          "\\?\\(@\\.([\\w.-]+)\\s*(==|!=)\\s*(?:\"([^\"]*)\"|'([^']*)'|([\\w.-]+))\\)");

  private JsonPath() {}

  /** Every value {@code path} selects in {@code root}, in document order. */
  static List<JsonNode> select(JsonNode root, String path) {
    List<JsonNode> current = List.of(root);
    String p = path.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1);
    }
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        String field = p.substring(i + 1, end);
        current = field.isEmpty() ? current : fields(current, field);
        i = end;
      } else if (c == '[') {
        int end = closing(p, i);
        current = bracket(current, p.substring(i + 1, end));
        i = end + 1;
      } else {
        int end = i;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        current = fields(current, p.substring(i, end));
        i = end;
      }
    }
    return current;
  }

  private static int closing(String p, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '"' || c == '\'') {
        quoted = !quoted;
      } else if (c == ']' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed [ in JSONPath " + p);
  }

  private static List<JsonNode> fields(List<JsonNode> nodes, String field) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : nodes) {
      if (field.equals("*")) {
        n.elements().forEachRemaining(out::add);
      } else if (n.has(field)) {
        out.add(n.get(field));
      }
    }
    return out;
  }

  private static List<JsonNode> bracket(List<JsonNode> nodes, String inside) {
    List<JsonNode> out = new ArrayList<>();
    Matcher filter = FILTER.matcher(inside.trim());
    for (JsonNode n : nodes) {
      if (!n.isArray()) {
        if (inside.startsWith("'") || inside.startsWith("\"")) {
          JsonNode v = n.get(inside.substring(1, inside.length() - 1));
          if (v != null) {
            out.add(v);
          }
        }
        continue;
      }
      if (inside.equals("*")) {
        n.elements().forEachRemaining(out::add);
      } else if (filter.matches()) {
        String want =
            filter.group(3) != null
                ? filter.group(3)
                : filter.group(4) != null ? filter.group(4) : filter.group(5);
        boolean equals = filter.group(2).equals("==");
        for (JsonNode e : n) {
          List<JsonNode> got = select(e, "." + filter.group(1));
          boolean match = !got.isEmpty() && got.get(0).asText().equals(want);
          if (match == equals && !got.isEmpty()) {
            out.add(e);
          }
        }
      } else {
        try {
          int index = Integer.parseInt(inside.trim());
          JsonNode e = n.get(index < 0 ? n.size() + index : index);
          if (e != null) {
            out.add(e);
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("unsupported JSONPath element [" + inside + "]");
        }
      }
    }
    return out;
  }
}
