package dev.onair.operator.audit;

import dev.onair.operator.common.WatchedNamespaces;
import io.agroal.api.AgroalDataSource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/** Wires the audit pieces together and starts the writer with the operator. */
@ApplicationScoped
public class AuditBeans {
  private final List<Meter> registered = new CopyOnWriteArrayList<>();
  private MeterRegistry registry;

  @Produces
  @Singleton
  AuditStore store(AgroalDataSource dataSource, Instance<Flyway> flyway) {
    // Flyway runs from the writer when PostgreSQL is first reachable, never at startup: the
    // operator must start and reconcile without a database.
    return new AuditStore(dataSource, () -> flyway.get().migrate());
  }

  @Produces
  @Singleton
  EventOutbox outbox(
      KubernetesClient client,
      @ConfigProperty(name = "quarkus.operator-sdk.namespaces") Optional<List<String>> watched) {
    return new EventOutbox(client, WatchedNamespaces.of(watched));
  }

  @Produces
  @Singleton
  AuditWriter writer(
      AuditStore store, EventOutbox outbox, AuditConfig config, MeterRegistry meters) {
    AuditWriter writer =
        new AuditWriter(
            store,
            outbox::replay,
            outbox::retryUnpublished,
            config.writer().batchSize(),
            config.writer().maxBacklog(),
            config.writer().initialRetry(),
            config.writer().maxRetry());
    registry = meters;
    registered.add(
        Gauge.builder("onair.audit.backlog", writer, AuditWriter::backlog)
            .description("Audit records waiting to be written to PostgreSQL")
            .register(meters));
    registered.add(
        Gauge.builder("onair.audit.store.up", writer, w -> w.storeUp() ? 1 : 0)
            .description("1 while PostgreSQL accepts audit writes, 0 while the audit is degraded")
            .register(meters));
    registered.add(
        Gauge.builder("onair.audit.events.unpublished", outbox, EventOutbox::unpublished)
            .description("Audit Events the API server has not accepted yet")
            .register(meters));
    registered.add(
        FunctionCounter.builder("onair.audit.records.written", writer, AuditWriter::written)
            .description("Audit records written to PostgreSQL (replays included)")
            .register(meters));
    return writer;
  }

  @Produces
  @Singleton
  AuditTrail trail(EventOutbox outbox, AuditWriter writer, AuditConfig config) {
    return new AuditTrail(outbox, writer, config.enabled(), Clock.systemUTC());
  }

  void start(@Observes StartupEvent event, AuditWriter writer, AuditConfig config) {
    if (config.enabled()) {
      writer.start();
    }
  }

  void stop(@Observes ShutdownEvent event, AuditWriter writer) {
    writer.close();
    // A registry outliving this application (tests restart it in one JVM) must not keep gauges
    // bound to this writer: a new one with the same name would never be registered.
    if (registry != null) {
      registered.forEach(registry::remove);
    }
    registered.clear();
  }
}
