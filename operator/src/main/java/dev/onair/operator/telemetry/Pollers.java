package dev.onair.operator.telemetry;

import dev.onair.contract.RelayStatusDocument;
import dev.onair.operator.OnAirConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;

/** The operator's pollers, one per kind of pod, sharing one HTTP client. */
@ApplicationScoped
public class Pollers {
  private final HttpClient http;
  private final TelemetryPoller<EncoderReading> encoders;
  private final TelemetryPoller<RelayStatusDocument> relays;

  public Pollers(OnAirConfig config) {
    OnAirConfig.Telemetry t = config.telemetry();
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(t.requestTimeout())
            .executor(Executors.newFixedThreadPool(4, daemon("onair-telemetry-http")))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.encoders =
        new TelemetryPoller<>(
            "encoder",
            http,
            t.pollInterval(),
            t.maxConcurrentRequests(),
            new EncoderFetcher(t.requestTimeout()),
            EncoderReading::significantChange);
    this.relays =
        new TelemetryPoller<>(
            "relay",
            http,
            t.pollInterval(),
            t.maxConcurrentRequests(),
            new RelayFetcher(t.requestTimeout()),
            RelayChanges::significant);
  }

  public TelemetryPoller<RelayStatusDocument> relays() {
    return relays;
  }

  public TelemetryPoller<EncoderReading> encoders() {
    return encoders;
  }

  public HttpClient http() {
    return http;
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @PreDestroy
  void close() {
    encoders.close();
    relays.close();
  }
}
