package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The stand-in's JSON and YAML readers, and the timestamps kube-apiserver writes. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Json() {}

  /** A request body as an object: JSON, or YAML for apply patches; 400 when it is neither. */
  static ObjectNode object(byte[] body, boolean yaml) {
    try {
      JsonNode n = (yaml ? YAML : MAPPER).readTree(body);
      if (n instanceof ObjectNode o) {
        return o;
      }
      throw ApiException.badRequest("the request body is not a JSON object");
    } catch (IOException e) {
      throw ApiException.badRequest(
          "the body of the request was in an unknown format: " + firstLine(e.getMessage()));
    }
  }

  static JsonNode tree(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest(
          "the body of the request was in an unknown format: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** RFC 3339 in seconds, as metadata timestamps are. */
  static String timestamp(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static ObjectNode metadata(ObjectNode o) {
    JsonNode m = o.get("metadata");
    if (m instanceof ObjectNode om) {
      return om;
    }
    return o.putObject("metadata");
  }
}
