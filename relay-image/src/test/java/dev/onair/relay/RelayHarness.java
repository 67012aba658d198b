package dev.onair.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes the files the operator would mount and reads the relay back over HTTP. */
final class RelayHarness {
  /** One output as the operator describes it; {@code key} and {@code passphrase} null for none. */
  record Endpoint(String name, String url, String key, String passphrase) {
    Endpoint(String name, String url, String key) {
      this(name, url, key, null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private RelayHarness() {}

  /**
   * Writes outputs.json, one key file per keyed endpoint and one passphrase file per SRT endpoint
   * with a passphrase; returns the environment to use.
   */
  static Map<String, String> environment(Path dir, String inputUrl, List<Endpoint> endpoints)
      throws IOException {
    Path keys = Files.createDirectories(dir.resolve("keys"));
    ObjectNode root = JSON.createObjectNode();
    ArrayNode outputs = root.putArray("outputs");
    for (Endpoint endpoint : endpoints) {
      ObjectNode output =
          outputs.addObject().put("name", endpoint.name()).put("url", endpoint.url());
      if (endpoint.key() != null) {
        Path keyFile = keys.resolve(endpoint.name());
        // Secret files end with a newline more often than not.
        Files.writeString(keyFile, endpoint.key() + "\n");
        output.put("keyFile", keyFile.toString());
      }
      if (endpoint.passphrase() != null) {
        Path passphraseFile = keys.resolve(endpoint.name() + ".passphrase");
        Files.writeString(passphraseFile, endpoint.passphrase() + "\n");
        output.put("passphraseFile", passphraseFile.toString());
      }
    }
    Path outputsFile = dir.resolve("outputs.json");
    Files.writeString(outputsFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    Map<String, String> env = new HashMap<>();
    env.put("ONAIR_INPUT_URL", inputUrl);
    env.put("ONAIR_OUTPUTS_FILE", outputsFile.toString());
    env.put("ONAIR_HTTP_BIND", "127.0.0.1");
    env.put("ONAIR_HTTP_PORT", "0");
    env.put("ONAIR_RECONNECT_MAX_SECONDS", "2");
    env.put("ONAIR_INPUT_GAP_SECONDS", "3");
    return env;
  }

  static String get(int port, String path) throws IOException, InterruptedException {
    return response(port, path).body();
  }

  static HttpResponse<String> response(int port, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode status(int port) throws IOException, InterruptedException {
    return JSON.readTree(get(port, "/status"));
  }

  static JsonNode output(JsonNode status, String name) {
    for (JsonNode output : status.get("outputs")) {
      if (output.get("name").asText().equals(name)) {
        return output;
      }
    }
    throw new AssertionError("no output " + name + " in " + status);
  }
}
