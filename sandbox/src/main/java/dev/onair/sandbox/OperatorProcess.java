package dev.onair.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real operator: the Quarkus fast-jar in its own JVM, configured only through environment
 * variables, exactly as the Helm chart configures it in a cluster.
 */
final class OperatorProcess implements AutoCloseable {
  static final String ENCODER_IMAGE = "onair-encoder:sandbox";
  static final String RELAY_IMAGE = "onair-relay:sandbox";
  private final Process process;
  private final int httpPort;
  private final int managementPort;

  private OperatorProcess(Process process, int httpPort, int managementPort) {
    this.process = process;
    this.httpPort = httpPort;
    this.managementPort = managementPort;
  }

  /** Starts the operator and waits until its readiness endpoint answers 200. */
  static OperatorProcess start(
      Path runJar, String apiUrl, String jdbcUrl, int podHttpPort, Path log, Duration timeout)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(runJar)) {
      throw new IOException(runJar + " is missing: build the operator first (sandbox/run does)");
    }
    int httpPort = FreePorts.any();
    int managementPort = FreePorts.any();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", apiUrl);
    env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
    env.put("ONAIR_AUDIT_JDBC_URL", jdbcUrl);
    env.put("ONAIR_AUDIT_USERNAME", EmbeddedDatabase.USER);
    env.put("ONAIR_AUDIT_PASSWORD", EmbeddedDatabase.PASSWORD);
    env.put("ONAIR_ENCODER_IMAGE", ENCODER_IMAGE);
    env.put("ONAIR_RELAY_IMAGE", RELAY_IMAGE);
    env.put("ONAIR_POD_HTTP_PORT", String.valueOf(podHttpPort));
    env.put("ONAIR_TELEMETRY_POLL_INTERVAL", "1s");
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
    env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
    env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    LocalPod.javaBin(),
                    "-XX:+UseSerialGC",
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-jar",
                    runJar.toAbsolutePath().toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    OperatorProcess operator = new OperatorProcess(builder.start(), httpPort, managementPort);
    operator.awaitReady(timeout, log);
    return operator;
  }

  private void awaitReady(Duration timeout, Path log) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "the operator exited with code " + process.exitValue() + "; see " + log);
      }
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    close();
    throw new IOException("the operator was not ready within " + timeout + "; see " + log);
  }

  /** The operator process's id, to read its memory from /proc. */
  long pid() {
    return process.pid();
  }

  /** The operator's audit history API base URL. */
  String url() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** The operator's metrics and health base URL. */
  String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
