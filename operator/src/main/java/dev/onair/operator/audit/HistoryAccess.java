package dev.onair.operator.audit;

import dev.onair.api.v1alpha1.ApiGroup;
import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.operator.access.AccessReviews;
import dev.onair.operator.access.Caller;
import dev.onair.operator.access.ReviewUnavailable;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which history rows a caller sees: those of the kinds and namespaces where the Kubernetes
 * API says they may {@code get} the resource. The history holds what a LiveStream, Endpoint or
 * Restream went through, so whoever may read the object may read its past, and no one else.
 */
@ApplicationScoped
@Unremovable
public class HistoryAccess {
  /** The audited kinds and their resources in the API. */
  static final Map<String, String> RESOURCES = resources();

  /**
   * The most namespaces one query asks the API about for a caller without a cluster-wide right:
   * three reviews each. Beyond it the caller names a namespace, so a token holder cannot make the
   * operator send the API server thousands of reviews per request.
   */
  static final int MAX_NAMESPACES_PER_QUERY = 20;

  private final AccessReviews reviews;
  private final AuditStore store;

  public HistoryAccess(AccessReviews reviews, AuditStore store) {
    this.reviews = reviews;
    this.store = store;
  }

  /**
   * What the caller may read of {@code kind} (null: every kind) in {@code namespace} (null: any).
   *
   * @throws IllegalArgumentException when {@code kind} is not an audited kind
   */
  public Visibility of(Caller caller, String kind, String namespace)
      throws ReviewUnavailable, SQLException {
    Set<String> everywhere = new HashSet<>();
    Map<String, Set<String>> some = new HashMap<>();
    List<String> candidates = null;
    for (Map.Entry<String, String> k : kinds(kind).entrySet()) {
      if (namespace == null && may(caller, k.getValue(), "")) {
        everywhere.add(k.getKey());
        continue;
      }
      if (candidates == null) {
        // Without the right to read a kind everywhere, a caller sees the namespaces they may
        // read among those that have history (a namespace no longer watched keeps its past).
        candidates = namespace != null ? List.of(namespace) : store.namespaces();
        if (candidates.size() > MAX_NAMESPACES_PER_QUERY) {
          throw new IllegalArgumentException(
              "namespace: required, since you may not read every namespace's history and "
                  + candidates.size()
                  + " namespaces have some (at most "
                  + MAX_NAMESPACES_PER_QUERY
                  + " are checked for you)");
        }
      }
      Set<String> allowed = new TreeSet<>();
      for (String ns : candidates) {
        if (may(caller, k.getValue(), ns)) {
          allowed.add(ns);
        }
      }
      some.put(k.getKey(), allowed);
    }
    return new Visibility(everywhere, some);
  }

  private boolean may(Caller caller, String resource, String namespace) throws ReviewUnavailable {
    return reviews.may(
        new AccessReviews.Question("get", ApiGroup.GROUP, resource, namespace, caller));
  }

  private static Map<String, String> kinds(String kind) {
    if (kind == null) {
      return RESOURCES;
    }
    for (Map.Entry<String, String> k : RESOURCES.entrySet()) {
      if (k.getKey().equalsIgnoreCase(kind)) {
        return Map.of(k.getKey(), k.getValue());
      }
    }
    throw new IllegalArgumentException(
        "kind: one of " + String.join(", ", RESOURCES.keySet()) + " (got " + kind + ")");
  }

  private static Map<String, String> resources() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Class<? extends HasMetadata> kind :
        List.of(LiveStream.class, Endpoint.class, Restream.class)) {
      m.put(HasMetadata.getKind(kind), HasMetadata.getPlural(kind));
    }
    return Collections.unmodifiableMap(m);
  }
}
