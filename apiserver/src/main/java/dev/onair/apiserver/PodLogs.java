package dev.onair.apiserver;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the node keeps a container's log, so {@code pods/log} ({@code kubectl logs}) can serve it:
 * the sandbox's pod runner answers with the file its process writes; without a node, none.
 */
@FunctionalInterface
public interface PodLogs {
  PodLogs NONE = (namespace, pod, container) -> Optional.empty();

  Optional<Path> file(String namespace, String pod, String container);
}
