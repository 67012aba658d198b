package dev.onair.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.apiserver.ApiServer;
import dev.onair.apiserver.RequestLog;
import dev.onair.operator.TestApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With watched namespaces the chart grants Roles only, so replay must read Events namespace by
 * namespace, never cluster-wide.
 */
class EventOutboxNamespacesTest {
  static ApiServer server;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = TestApiServer.startWith("news", "sports", "other-team");
    client = TestApiServer.client(server);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void replayReadsOnlyTheWatchedNamespaces() throws Exception {
    EventOutbox everywhere = new EventOutbox(client);
    for (String ns : List.of("news", "sports", "other-team")) {
      everywhere.publish(new LiveStream(), record(ns));
    }
    assertThat(everywhere.replay())
        .extracting(AuditRecord::namespace)
        .containsExactlyInAnyOrder("news", "sports", "other-team");

    server.requests().record(true);
    server.requests().drain();
    var watched = new EventOutbox(client, List.of("news", "sports")).replay();
    assertThat(watched)
        .extracting(AuditRecord::namespace)
        .containsExactlyInAnyOrder("news", "sports");
    List<String> paths = server.requests().drain().stream().map(RequestLog.Entry::path).toList();
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
