package dev.onair.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.LiveStreamStatus;
import dev.onair.apiserver.ApiServer;
import dev.onair.operator.TestApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The operator restarting while audit records are still pending: two operator "processes" in a row,
 * each with its own memory, sharing only the Kubernetes API and PostgreSQL, as in a cluster.
 */
class AuditRestartTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  ApiServer kubernetes;
  KubernetesClient client;
  TestPostgres postgres;
  DataSource dataSource;

  @BeforeEach
  void start() {
    kubernetes = TestApiServer.startWith("studio");
    client = TestApiServer.client(kubernetes);
    postgres = new TestPostgres();
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(postgres.jdbcUrl());
    ds.setUser("postgres");
    ds.setConnectTimeout(1);
    dataSource = ds;
  }

  @AfterEach
  void stop() {
    client.close();
    kubernetes.close();
    postgres.close();
  }

  @Test
  void migrationsBringAnEmptyDatabaseToTheCurrentSchemaOnceAndOnlyOnce() throws Exception {
    new AuditStore(dataSource, this::migrate).ping();
    new AuditStore(dataSource, this::migrate).ping();
    assertThat(
            postgres.rows(
                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"))
        .containsExactly(List.of("1", true));
    assertThat(postgres.column("SELECT count(*) FROM audit_event")).containsExactly("0");
    assertThat(postgres.column("SELECT count(*) FROM stream_session")).containsExactly("0");
  }

  @Test
  void anOperatorRestartedWithABacklogLosesNothingAndDuplicatesNothing() {
    postgres.stop();
    Operator first = new Operator();
    LiveStream ls = liveStream();
    LiveStreamStatus starting = status(LiveStreamPhase.Starting, "2026-11-21T06:00:00Z", "pod-1");
    first.trail.observe(ls, null, starting);
    ls.getMetadata().setResourceVersion("2");
    LiveStreamStatus live = status(LiveStreamPhase.Live, "2026-11-21T06:00:00Z", "pod-1");
    first.trail.observe(ls, starting, live);
    ls.getMetadata().setResourceVersion("3");
    ls.getMetadata().setGeneration(2L);
    LiveStreamStatus stopped = status(LiveStreamPhase.Stopped, null, null);
    stopped.observedGeneration = 2L;
    first.trail.observe(ls, live, stopped);
    await().atMost(WAIT).until(() -> first.writer.backlog() == 6 && !first.writer.storeUp());
    first.crash();

    postgres.start();
    Operator second = new Operator();
    List<String> expected =
        List.of("Created", "Started", "PodCreated", "Live", "SpecChanged", "Stopped");
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> reasons().size() >= 6 && second.writer.backlog() == 0);
    assertThat(reasons()).containsExactlyElementsOf(expected);
    assertThat(postgres.rows("SELECT end_reason, duration_seconds IS NOT NULL FROM stream_session"))
        .containsExactly(List.of("spec", true));

    // A third start replays the same Events again: still exactly one row each.
    second.crash();
    Operator third = new Operator();
    await().atMost(WAIT).until(() -> third.writer.written() >= 6 && third.writer.backlog() == 0);
    assertThat(reasons()).containsExactlyElementsOf(expected);
    third.crash();
  }

  private List<String> reasons() {
    return postgres.column("SELECT reason FROM audit_event ORDER BY occurred_at, ordinal");
  }

  private void migrate() {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
  }

  /** The audit half of an operator process: its own memory, the shared API server and database. */
  private final class Operator {
    final EventOutbox outbox = new EventOutbox(client);
    final AuditWriter writer =
        new AuditWriter(
            new AuditStore(dataSource, AuditRestartTest.this::migrate),
            outbox::replay,
            outbox::retryUnpublished,
            50,
            1000,
            Duration.ofMillis(100),
            Duration.ofMillis(300));
    final AuditTrail trail = new AuditTrail(outbox, writer, true, Clock.systemUTC());

    Operator() {
      writer.start();
    }

    /** Ends the process: whatever was only in memory is gone. */
    void crash() {
      writer.close();
    }
  }

  private static LiveStream liveStream() {
    LiveStream ls = new LiveStream();
    ls.getMetadata().setName("restarted-show");
    ls.getMetadata().setNamespace("studio");
    ls.getMetadata().setUid(UUID.randomUUID().toString());
    ls.getMetadata().setResourceVersion("1");
    ls.getMetadata().setGeneration(1L);
    ls.setSpec(new LiveStreamSpec());
    return ls;
  }

  private static LiveStreamStatus status(LiveStreamPhase phase, String startedAt, String pod) {
    LiveStreamStatus s = new LiveStreamStatus();
    s.observedGeneration = 1L;
    s.phase = phase;
    s.startedAt = startedAt;
    s.encoderPod = pod;
    s.message = phase.name();
    return s;
  }
}
