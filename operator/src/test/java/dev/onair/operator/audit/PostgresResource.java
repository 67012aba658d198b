package dev.onair.operator.audit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real PostgreSQL for a {@code @QuarkusTest} and points the operator's datasource at it.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
  static TestPostgres postgres;

  @Override
  public Map<String, String> start() {
    postgres = new TestPostgres();
    return Map.of(
        "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
        "quarkus.datasource.username", "postgres",
        "quarkus.datasource.password", "postgres");
  }

  @Override
  public void stop() {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
