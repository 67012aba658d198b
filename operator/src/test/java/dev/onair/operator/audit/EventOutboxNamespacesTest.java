package dev.onair.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.api.v1alpha1.LiveStream;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With watched namespaces the chart grants Roles only, so replay must read Events namespace by
 * namespace, never cluster-wide.
 */
@EnableKubernetesMockClient(crud = true)
class EventOutboxNamespacesTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @Test
  void replayReadsOnlyTheWatchedNamespaces() throws Exception {
    EventOutbox everywhere = new EventOutbox(client);
    for (String ns : List.of("news", "sports", "other-team")) {
      everywhere.publish(new LiveStream(), record(ns));
    }
    assertThat(everywhere.replay())
        .extracting(AuditRecord::namespace)
        .containsExactlyInAnyOrder("news", "sports", "other-team");

    while (server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS) != null) {
      // forget the requests so far
    }
    var watched = new EventOutbox(client, List.of("news", "sports")).replay();
    assertThat(watched)
        .extracting(AuditRecord::namespace)
        .containsExactlyInAnyOrder("news", "sports");
    var paths = new java.util.ArrayList<String>();
    io.fabric8.mockwebserver.http.RecordedRequest r;
    while ((r = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
      paths.add(r.getPath());
    }
    assertThat(paths).isNotEmpty().allMatch(p -> p.startsWith("/api/v1/namespaces/"));
  }

  private static AuditRecord record(String namespace) {
    return new AuditRecord(
        dev.onair.operator.common.Names.sha256(namespace),
        Instant.parse("2026-11-21T06:00:00Z"),
        0,
        namespace,
        "LiveStream",
        "evening-news",
        "uid-" + namespace,
        "Created",
        false,
        "created",
        "kubectl",
        null,
        null,
        null);
  }
}
