package dev.onair.operator;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads what reached the test API server, to count the operator's writes. */
public final class ApiRequests {
  private ApiRequests() {}

  /** Forgets every request so far, so a measured window starts empty. */
  public static void drain(KubernetesServer server) throws InterruptedException {
    while (server.getKubernetesMockServer().takeRequest(50, TimeUnit.MILLISECONDS) != null) {
      // discard what happened before the measured window
    }
  }

  /** Non-GET requests since the last drain whose path mentions {@code name}. */
  public static List<String> writesMentioning(KubernetesServer server, String name)
      throws InterruptedException {
    List<String> writes = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.getKubernetesMockServer().takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
      if (!"GET".equals(r.getMethod()) && r.getPath().contains(name)) {
        writes.add(r.getMethod() + " " + r.getPath());
      }
    }
    return writes;
  }
}
