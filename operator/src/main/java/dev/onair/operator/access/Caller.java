package dev.onair.operator.access;

import java.util.List;
import java.util.Map;

/**
 * Who sent a request, as the Kubernetes API's TokenReview names them. {@code extra} carries what an
 * authenticator adds (on OpenShift, a scoped token's scopes): it goes into every access review, as
 * kube's own delegated authorizer does, so a scoped token never gets its user's full rights.
 */
public record Caller(
    String username, String uid, List<String> groups, Map<String, List<String>> extra) {
  public Caller {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }
}
