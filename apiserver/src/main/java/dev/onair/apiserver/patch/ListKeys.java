package dev.onair.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which lists merge by key rather than being replaced whole. Built-in kinds: the {@code
 * patchMergeKey}s of the core types OnAir's objects use; custom resources: their schema's {@code
 * x-kubernetes-list-type: map} with {@code x-kubernetes-list-map-keys}.
 */
final class ListKeys {
  /** Field name → candidate merge keys; the first one an element carries is the key. */
  private static final Map<String, List<String>> BUILTIN =
      Map.ofEntries(
          Map.entry("containers", List.of("name")),
          Map.entry("initContainers", List.of("name")),
          Map.entry("ephemeralContainers", List.of("name")),
          Map.entry("volumes", List.of("name")),
          Map.entry("env", List.of("name")),
          Map.entry("volumeMounts", List.of("mountPath")),
          Map.entry("ports", List.of("containerPort", "port")),
          Map.entry("ownerReferences", List.of("uid")),
          Map.entry("conditions", List.of("type")),
          Map.entry("imagePullSecrets", List.of("name")),
          Map.entry("containerStatuses", List.of("name")),
          Map.entry("hostAliases", List.of("ip")));

  private ListKeys() {}

  /** The merge keys of {@code field} (empty: an atomic list), given its schema if any. */
  static List<String> of(String field, JsonNode schema, JsonNode element, boolean custom) {
    if (custom) {
      if (schema != null && "map".equals(schema.path("x-kubernetes-list-type").asText())) {
        List<String> keys = new ArrayList<>();
        schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
        return keys;
      }
      return List.of();
    }
    for (String candidate : BUILTIN.getOrDefault(field, List.of())) {
      if (element != null && element.has(candidate)) {
        return List.of(candidate);
      }
    }
    return List.of();
  }

  /** Primitive lists a strategic merge patch unions rather than replaces. */
  static boolean mergesPrimitives(String field) {
    return field.equals("finalizers");
  }

  /** The schema of a property (or of the items of a map), or null. */
  static JsonNode property(JsonNode schema, String name) {
    if (schema == null) {
      return null;
    }
    JsonNode p = schema.path("properties").get(name);
    if (p != null) {
      return p;
    }
    JsonNode additional = schema.get("additionalProperties");
    return additional != null && additional.isObject() ? additional : null;
  }

  static JsonNode items(JsonNode schema) {
    return schema == null ? null : schema.get("items");
  }

  /** True when {@code a} and {@code b} agree on every key. */
  static boolean sameKey(JsonNode a, JsonNode b, List<String> keys) {
    for (String k : keys) {
      if (!a.path(k).equals(b.path(k))) {
        return false;
      }
    }
    return true;
  }
}
