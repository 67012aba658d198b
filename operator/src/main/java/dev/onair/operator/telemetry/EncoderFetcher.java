package dev.onair.operator.telemetry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.contract.ContractVersion;
import dev.onair.contract.EncoderStatusDocument;
import dev.onair.contract.HttpPaths;
import dev.onair.operator.common.Names;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Reads an encoder's /status every poll and its /thumbnail.jpg once per publish interval. A
 * thumbnail identical to the last one keeps its capture time, so a still picture writes nothing.
 */
public final class EncoderFetcher implements PodFetcher<EncoderReading> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Duration timeout;

  public EncoderFetcher(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<EncoderReading> fetch(
      HttpClient http, PollTarget target, EncoderReading previous) {
    CompletableFuture<EncoderStatusDocument> status =
        get(http, target, HttpPaths.STATUS, PodRequest.MAX_STATUS_BYTES)
            .thenApply(
                r -> {
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException("/status answered " + r.statusCode());
                  }
                  return parse(r.body());
                });
    boolean thumbnailDue =
        previous == null
            || previous.checkedAt() == null
            || Instant.now().isAfter(previous.checkedAt().plus(target.publishInterval()));
    if (!thumbnailDue) {
      return status.thenApply(previous::withStatus);
    }
    CompletableFuture<byte[]> thumbnail =
        get(http, target, HttpPaths.THUMBNAIL, PodRequest.MAX_THUMBNAIL_BYTES)
            .thenApply(r -> r.statusCode() == 200 ? r.body() : null)
            .exceptionally(e -> null);
    return status.thenCombine(thumbnail, (s, jpeg) -> withThumbnail(s, jpeg, previous));
  }

  private static EncoderReading withThumbnail(
      EncoderStatusDocument s, byte[] jpeg, EncoderReading previous) {
    Instant now = Instant.now();
    if (jpeg == null || jpeg.length == 0) {
      return previous == null
          ? new EncoderReading(s, null, null, null, now)
          : new EncoderReading(
              s, previous.thumbnail(), previous.thumbnailDigest(), previous.capturedAt(), now);
    }
    if (previous != null && Arrays.equals(jpeg, previous.thumbnail())) {
      return new EncoderReading(
          s, previous.thumbnail(), previous.thumbnailDigest(), previous.capturedAt(), now);
    }
    return new EncoderReading(s, jpeg, Names.sha256(jpeg).substring(0, 16), now, now);
  }

  private CompletableFuture<HttpResponse<byte[]>> get(
      HttpClient http, PollTarget target, String path, int maxBytes) {
    return PodRequest.get(http, URI.create(target.baseUrl() + path), timeout, maxBytes);
  }

  static EncoderStatusDocument parse(byte[] body) {
    EncoderStatusDocument doc;
    try {
      doc = JSON.readValue(body, EncoderStatusDocument.class);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("/status is not the documented JSON", e);
    }
    ContractVersion.requireReadable(
        "the encoder's /status", doc.version(), EncoderStatusDocument.VERSION);
    return doc;
  }
}
