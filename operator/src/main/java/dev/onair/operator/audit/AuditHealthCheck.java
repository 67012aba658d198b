package dev.onair.operator.audit;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the audit store in {@code /q/health}. It is always UP, with {@code state: degraded} while
 * PostgreSQL is unreachable: streams never depend on the audit, so neither does readiness.
 */
@Readiness
@ApplicationScoped
public class AuditHealthCheck implements HealthCheck {
  private final AuditWriter writer;
  private final AuditConfig config;

  public AuditHealthCheck(AuditWriter writer, AuditConfig config) {
    this.writer = writer;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("audit").up();
    if (!config.enabled()) {
      return b.withData("state", "disabled").build();
    }
    b.withData("state", writer.storeUp() ? "ok" : "degraded").withData("backlog", writer.backlog());
    if (writer.lastError() != null) {
      b.withData("lastError", writer.lastError());
    }
    if (writer.lastWrite() != null) {
      b.withData("lastWrite", writer.lastWrite().toString());
    }
    return b.build();
  }
}
