package dev.onair.operator.audit;

import java.util.Map;
import java.util.Set;

/**
 * Which rows a caller may read: per kind ({@code LiveStream}, ...), either every namespace or a set
 * of them. A kind missing from both maps is not visible at all.
 */
public record Visibility(Set<String> everywhere, Map<String, Set<String>> inNamespaces) {
  public Visibility {
    everywhere = Set.copyOf(everywhere);
    inNamespaces = Map.copyOf(inNamespaces);
  }

  public boolean nothing() {
    return everywhere.isEmpty() && inNamespaces.values().stream().allMatch(Set::isEmpty);
  }
}
