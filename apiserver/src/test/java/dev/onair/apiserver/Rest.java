package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A bare HTTP client for the stand-in: what a test sends is exactly what the server sees. */
final class Rest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  Rest(String base) {
    this(base, null);
  }

  private Rest(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The same client sending {@code Authorization: Bearer token} with every request. */
  Rest withToken(String token) {
    return new Rest(base, token);
  }

  record Answer(int code, JsonNode body) {}

  Answer send(String method, String path, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body().isEmpty() ? null : Json.MAPPER.readTree(r.body()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  Answer get(String path) {
    return send("GET", path, null, null);
  }

  Answer post(String path, String json) {
    return send("POST", path, "application/json", json);
  }

  Answer put(String path, String json) {
    return send("PUT", path, "application/json", json);
  }

  Answer mergePatch(String path, String json) {
    return send("PATCH", path, "application/merge-patch+json", json);
  }
}
