package dev.onair.apiserver;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an object request points: group, version, namespace, resource, name and subresource, read
 * from a path such as {@code
 * /apis/streaming.onair.dev/v1alpha1/namespaces/news/livestreams/x/status}.
 */
record Target(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource) {

  /** The target of {@code path}, or empty when it names no resource (discovery, unknown paths). */
  static Optional<Target> parse(String path) {
    String[] s = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
    int rest;
    String group;
    String version;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      version = s[1];
      rest = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      rest = 3;
    } else {
      return Optional.empty();
    }
    String[] r = Arrays.copyOfRange(s, rest, s.length);
    if (r.length >= 3 && r[0].equals("namespaces") && !isNamespaceSubresource(r[2])) {
      return switch (r.length) {
        case 3 -> Optional.of(new Target(group, version, r[1], r[2], null, null));
        case 4 -> Optional.of(new Target(group, version, r[1], r[2], r[3], null));
        case 5 -> Optional.of(new Target(group, version, r[1], r[2], r[3], r[4]));
        default -> Optional.empty();
      };
    }
    return switch (r.length) {
      case 1 -> Optional.of(new Target(group, version, null, r[0], null, null));
      case 2 -> Optional.of(new Target(group, version, null, r[0], r[1], null));
      case 3 -> Optional.of(new Target(group, version, null, r[0], r[1], r[2]));
      default -> Optional.empty();
    };
  }

  private static boolean isNamespaceSubresource(String s) {
    return s.equals("status") || s.equals("finalize");
  }

  boolean isCollection() {
    return name == null;
  }
}
