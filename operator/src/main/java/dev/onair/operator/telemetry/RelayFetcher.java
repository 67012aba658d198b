package dev.onair.operator.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.contract.ContractVersion;
import dev.onair.contract.HttpPaths;
import dev.onair.contract.RelayStatusDocument;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Reads a relay's /status. */
public final class RelayFetcher implements PodFetcher<RelayStatusDocument> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Duration timeout;

  public RelayFetcher(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<RelayStatusDocument> fetch(
      HttpClient http, PollTarget target, RelayStatusDocument previous) {
    return PodRequest.get(
            http,
            URI.create(target.baseUrl() + HttpPaths.STATUS),
            timeout,
            PodRequest.MAX_STATUS_BYTES)
        .thenApply(
            r -> {
              if (r.statusCode() != 200) {
                throw new IllegalStateException("/status answered " + r.statusCode());
              }
              return parse(r.body());
            });
  }

  static RelayStatusDocument parse(byte[] body) {
    RelayStatusDocument doc;
    try {
      doc = JSON.readValue(body, RelayStatusDocument.class);
    } catch (IOException e) {
      throw new IllegalStateException("/status is not the documented JSON", e);
    }
    ContractVersion.requireReadable(
        "the relay's /status", doc.version(), RelayStatusDocument.VERSION);
    return doc;
  }
}
