package dev.onair.operator.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Deletes audit rows older than {@code onair.audit.retention.max-age}, on a schedule. */
@ApplicationScoped
public class AuditRetention {
  private static final Logger LOG = Logger.getLogger(AuditRetention.class);

  private final AuditStore store;
  private final AuditConfig config;
  private final Clock clock = Clock.systemUTC();

  public AuditRetention(AuditStore store, AuditConfig config) {
    this.store = store;
    this.config = config;
  }

  @Scheduled(
      every = "${onair.audit.retention.interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    if (config.enabled()) {
      purge();
    }
  }

  /** Removes what is older than the configured age; returns the rows removed (-1: store down). */
  public int purge() {
    Instant cutoff = clock.instant().minus(config.retention().maxAge());
    try {
      int removed = store.deleteOlderThan(cutoff);
      if (removed > 0) {
        LOG.infof("audit: removed %d rows older than %s", removed, cutoff);
      }
      return removed;
    } catch (SQLException | RuntimeException e) {
      LOG.debugf("audit: retention skipped, PostgreSQL unreachable: %s", e.getMessage());
      return -1;
    }
  }
}
