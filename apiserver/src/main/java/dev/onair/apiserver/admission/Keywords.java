package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the OpenAPI v3 and x-kubernetes-* keywords of one node of a structural CRD schema. */
final class Keywords {
  private Keywords() {}

  /** The declared types: {@code [integer, string]} for int-or-string, empty when untyped. */
  static List<String> types(JsonNode schema) {
    if (intOrString(schema)) {
      return List.of("integer", "string");
    }
    String type = schema.path("type").asText("");
    return type.isEmpty() ? List.of() : List.of(type);
  }

  /** {@code object}, {@code integer} …: what CEL errors show as their bad value. */
  static String type(JsonNode schema) {
    return schema.path("type").asText("");
  }

  static boolean intOrString(JsonNode schema) {
    return schema.path("x-kubernetes-int-or-string").asBoolean(false);
  }

  static boolean preservesUnknownFields(JsonNode schema) {
    return schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
  }

  static boolean embeddedResource(JsonNode schema) {
    return schema.path("x-kubernetes-embedded-resource").asBoolean(false);
  }

  static boolean nullable(JsonNode schema) {
    return schema.path("nullable").asBoolean(false);
  }

  /** The schema of a declared property, or null. */
  static JsonNode property(JsonNode schema, String name) {
    JsonNode property = schema.path("properties").get(name);
    return property != null && property.isObject() ? property : null;
  }

  /**
   * The schema every undeclared key of a map must follow, or null when the object has none. {@code
   * additionalProperties: true} allows anything: an empty schema.
   */
  static JsonNode additionalProperties(JsonNode schema) {
    JsonNode additional = schema.get("additionalProperties");
    if (additional == null || additional.isNull()) {
      return null;
    }
    if (additional.isBoolean()) {
      return additional.asBoolean() ? EMPTY : null;
    }
    return additional;
  }

  /** The schema of the items of an array, or null. */
  static JsonNode items(JsonNode schema) {
    JsonNode items = schema.get("items");
    return items != null && items.isObject() ? items : null;
  }

  /** {@code set}, {@code map}, {@code atomic} or empty. */
  static String listType(JsonNode schema) {
    return schema.path("x-kubernetes-list-type").asText("");
  }

  static List<String> listMapKeys(JsonNode schema) {
    List<String> keys = new ArrayList<>();
    schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
    return keys;
  }

  /** The schema of the value under {@code key} of an object: declared, additional, or null. */
  static JsonNode child(JsonNode schema, String key) {
    if (schema == null) {
      return null;
    }
    JsonNode property = property(schema, key);
    return property != null ? property : additionalProperties(schema);
  }

  private static final JsonNode EMPTY =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
}
