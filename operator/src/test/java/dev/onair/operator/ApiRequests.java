package dev.onair.operator;

import dev.onair.apiserver.ApiServer;
import dev.onair.apiserver.RequestLog.Entry;
import java.util.List;

/** Reads what reached the test API server, to count the operator's writes. */
public final class ApiRequests {
  private ApiRequests() {}

  /** Forgets every request so far and records from now on, so a measured window starts empty. */
  public static void drain(ApiServer server) {
    server.requests().record(true);
    server.requests().drain();
  }

  /** Writes since the last drain whose path mentions {@code name}, as "METHOD path". */
  public static List<String> writesMentioning(ApiServer server, String name) {
    return server.requests().drain().stream()
        .filter(Entry::isWrite)
        .filter(e -> e.path().contains(name))
        .map(e -> e.method() + " " + e.path())
        .toList();
  }
}
