package dev.onair.operator.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the audit history ({@code onair.audit.*}); the JDBC connection is the datasource. */
@ConfigMapping(prefix = "onair.audit")
public interface AuditConfig {
  /** Off: no audit Events, no rows, no connection attempts. */
  @WithDefault("true")
  boolean enabled();

  /** Removal of old rows. */
  Retention retention();

  /** The background writer. */
  Writer writer();

  /** Removal of old rows. */
  interface Retention {
    /** Records and ended sessions older than this are deleted. */
    @WithDefault("90d")
    Duration maxAge();

    /** How often the retention job runs. */
    @WithDefault("1h")
    String interval();
  }

  /** The background writer. */
  interface Writer {
    /** Records per transaction. */
    @WithDefault("200")
    int batchSize();

    /** Records kept in memory while PostgreSQL is down; older ones are replayed from Events. */
    @WithDefault("100000")
    int maxBacklog();

    /** First retry delay after a failed write; doubles up to max-retry. */
    @WithDefault("1s")
    Duration initialRetry();

    /** Longest delay between retries. */
    @WithDefault("30s")
    Duration maxRetry();
  }
}
