package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code pods/log}: the container's log from the node ({@link PodLogs}), with {@code tailLines},
 * {@code limitBytes} and {@code follow} (streamed until the pod is gone or the client leaves).
 */
final class PodLogStreamer {
  private final Store store;
  private final PodLogs logs;

  PodLogStreamer(Store store, PodLogs logs) {
    this.store = store;
    this.logs = logs;
  }

  Reply serve(ResourceType podType, Target target, Call call) {
    JsonNode pod = store.get(Writes.storageKey(podType), target.namespace(), target.name());
    if (pod == null) {
      throw ApiException.notFound(podType, target.name());
    }
    List<String> containers = pod.path("spec").path("containers").findValuesAsText("name");
    String container = call.param("container");
    if (container == null || container.isEmpty()) {
      if (containers.size() != 1) {
        throw ApiException.badRequest(
            "a container name must be specified for pod "
                + target.name()
                + ", choose one of: "
                + containers);
      }
      container = containers.get(0);
    } else if (!containers.contains(container)) {
      throw ApiException.badRequest(
          "container " + container + " is not valid for pod " + target.name());
    }
    Optional<Path> file = logs.file(target.namespace(), target.name(), container);
    if (file.isEmpty() || !Files.exists(file.get())) {
      throw ApiException.badRequest(
          "container \""
              + container
              + "\" in pod \""
              + target.name()
              + "\" is waiting to start: ContainerCreating");
    }
    Path path = file.get();
    long start = startOffset(path, call.param("tailLines"));
    long limit =
        call.param("limitBytes") == null
            ? Long.MAX_VALUE
            : Long.parseLong(call.param("limitBytes"));
    boolean follow = call.flag("follow");
    String uid = pod.path("metadata").path("uid").asText();
    return new Reply.Streaming(
        "text/plain",
        out -> {
          long sent = 0;
          try (RandomAccessFile in = new RandomAccessFile(path.toFile(), "r")) {
            in.seek(start);
            byte[] buffer = new byte[8192];
            while (true) {
              int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent));
              if (n > 0) {
                out.write(buffer, 0, n);
                sent += n;
                if (sent >= limit) {
                  return;
                }
                continue;
              }
              out.flush();
              if (!follow || !stillRunning(podType, target, uid)) {
                return;
              }
              Thread.sleep(200);
            }
          }
        });
  }

  private boolean stillRunning(ResourceType podType, Target target, String uid) {
    JsonNode pod = store.get(Writes.storageKey(podType), target.namespace(), target.name());
    return pod != null && pod.path("metadata").path("uid").asText().equals(uid);
  }

  /** Where the last {@code tailLines} lines start (0 for the whole log). */
  private static long startOffset(Path file, String tailLines) throws IllegalArgumentException {
    if (tailLines == null || tailLines.isEmpty()) {
      return 0;
    }
    int wanted = Integer.parseInt(tailLines);
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long pos = in.length();
      if (wanted <= 0) {
        return pos;
      }
      int newlines = 0;
      if (pos > 0) {
        in.seek(pos - 1);
        if (in.read() == '\n') {
          pos--; // the log's final newline ends the last line; it starts none
        }
      }
      while (pos > 0) {
        in.seek(pos - 1);
        if (in.read() == '\n' && ++newlines >= wanted) {
          return pos;
        }
        pos--;
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
