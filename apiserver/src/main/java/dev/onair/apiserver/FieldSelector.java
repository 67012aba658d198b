package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@code fieldSelector} query parameter: {@code metadata.name=x}, {@code involvedObject.uid==y},
 * {@code status.phase!=Running}, joined by commas. kube-apiserver supports a few fields per kind;
 * the stand-in evaluates any dotted path of the object, which accepts more than a cluster would but
 * answers the same for every field a cluster supports.
 */
final class FieldSelector implements Predicate<JsonNode> {
  private record Term(String[] path, String value, boolean equal) {}

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  static FieldSelector parse(String selector) {
    List<Term> terms = new ArrayList<>();
    if (selector != null && !selector.isBlank()) {
      for (String raw : selector.split(",")) {
        String term = raw.trim();
        int ne = term.indexOf("!=");
        int eq = term.indexOf('=');
        if (ne > 0) {
          terms.add(
              new Term(
                  term.substring(0, ne).trim().split("\\."), term.substring(ne + 2).trim(), false));
        } else if (eq > 0) {
          int valueStart = term.startsWith("==", eq) ? eq + 2 : eq + 1;
          terms.add(
              new Term(
                  term.substring(0, eq).trim().split("\\."),
                  term.substring(valueStart).trim(),
                  true));
        } else {
          throw ApiException.badRequest(
              "invalid selector: '" + selector + "'; can't understand '" + term + "'");
        }
      }
    }
    return new FieldSelector(terms);
  }

  @Override
  public boolean test(JsonNode object) {
    for (Term t : terms) {
      JsonNode n = object;
      for (String p : t.path()) {
        n = n.path(p);
      }
      String actual = n.isValueNode() ? n.asText() : "";
      if (t.equal() != actual.equals(t.value())) {
        return false;
      }
    }
    return true;
  }
}
