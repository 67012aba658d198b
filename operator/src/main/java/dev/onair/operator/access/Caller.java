package dev.onair.operator.access;

import java.util.List;

/** Who sent a request, as the Kubernetes API's TokenReview names them. */
public record Caller(String username, String uid, List<String> groups) {
  public Caller {
    groups = List.copyOf(groups);
  }
}
