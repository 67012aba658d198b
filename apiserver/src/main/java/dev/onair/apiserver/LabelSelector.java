package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code labelSelector} query parameter, parsed as kube-apiserver parses it: {@code a=b}, {@code
 * a==b}, {@code a!=b}, {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, joined by
 * commas (outside parentheses).
 */
final class LabelSelector implements Predicate<JsonNode> {
  private static final Pattern SET =
      Pattern.compile("^\\s*([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*$");
  private static final Pattern EQUALITY =
      Pattern.compile("^\\s*([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)\\s*$");
  private static final Pattern EXISTS = Pattern.compile("^\\s*(!?)\\s*([^\\s!=(),]+)\\s*$");

  private final List<Predicate<JsonNode>> requirements;

  private LabelSelector(List<Predicate<JsonNode>> requirements) {
    this.requirements = requirements;
  }

  static LabelSelector parse(String selector) {
    List<Predicate<JsonNode>> requirements = new ArrayList<>();
    if (selector != null && !selector.isBlank()) {
      for (String term : splitOutsideParentheses(selector)) {
        requirements.add(requirement(term));
      }
    }
    return new LabelSelector(requirements);
  }

  private static Predicate<JsonNode> requirement(String term) {
    Matcher m = SET.matcher(term);
    if (m.matches()) {
      String key = m.group(1);
      Set<String> values = Set.of(m.group(3).trim().split("\\s*,\\s*"));
      boolean in = m.group(2).equals("in");
      return labels ->
          in
              ? labels.has(key) && values.contains(labels.get(key).asText())
              : !labels.has(key) || !values.contains(labels.get(key).asText());
    }
    m = EQUALITY.matcher(term);
    if (m.matches()) {
      String key = m.group(1);
      String value = m.group(3);
      boolean equal = !m.group(2).equals("!=");
      return labels -> equal == (labels.has(key) && labels.get(key).asText().equals(value));
    }
    m = EXISTS.matcher(term);
    if (m.matches()) {
      String key = m.group(2);
      boolean negated = m.group(1).equals("!");
      return labels -> negated != labels.has(key);
    }
    throw ApiException.badRequest(
        "unable to parse requirement: found '" + term.trim() + "', expected a label selector");
  }

  static List<String> splitOutsideParentheses(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts.stream().filter(p -> !p.isBlank()).toList();
  }

  /** Whether {@code object}'s labels satisfy every requirement. */
  @Override
  public boolean test(JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    for (Predicate<JsonNode> r : requirements) {
      if (!r.test(labels)) {
        return false;
      }
    }
    return true;
  }
}
