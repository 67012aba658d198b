package dev.onair.operator.common;

import java.util.List;
import java.util.Optional;

/**
 * The namespaces the operator watches, from {@code quarkus.operator-sdk.namespaces}: empty means
 * every namespace. The extension's markers ("all namespaces", "as configured at build time", and
 * the build leaves it at all) are not namespaces to list or watch in.
 */
public final class WatchedNamespaces {
  private static final List<String> MARKERS =
      List.of("JOSDK_ALL_NAMESPACES", "JOSDK_WATCH_CURRENT", "QOSDK_USE_BUILDTIME_NAMESPACES");

  private WatchedNamespaces() {}

  public static List<String> of(Optional<List<String>> configured) {
    return configured.orElse(List.of()).stream()
        .map(String::trim)
        .filter(n -> !n.isEmpty() && !MARKERS.contains(n))
        .toList();
  }
}
