package dev.onair.operator.audit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a real PostgreSQL for a {@code @QuarkusTest} and points the operator's datasource at it.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
  static TestPostgres postgres;
  static int podHttpPort;

  @Override
  public Map<String, String> start() {
    postgres = new TestPostgres();
    podHttpPort = TestPostgres.freePort();
    // A port of its own for the fake encoders, so other test JVMs on the machine do not collide.
    return Map.of(
        "onair.pod-http-port",
        String.valueOf(podHttpPort),
        "quarkus.datasource.jdbc.url",
        postgres.jdbcUrl(),
        "quarkus.datasource.username",
        "postgres",
        "quarkus.datasource.password",
        "postgres");
  }

  @Override
  public void stop() {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
