package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Structural pruning as apiextensions-apiserver's pruning.PruneWithOptions does it: every field the
 * schema does not declare is dropped and its path reported (the paths of kube's {@code unknown
 * field} warnings), then, as PruneNonNullableNullsWithoutDefaults does, nulls the schema does not
 * allow are dropped silently.
 */
final class Pruner {
  /** Kept at the root of a resource and of every embedded resource; metadata is coerced apart. */
  private static final Set<String> META_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private final JsonNode root;

  Pruner(JsonNode root) {
    this.root = root;
  }

  List<String> prune(ObjectNode object) {
    List<String> pruned = new ArrayList<>();
    pruneObject(object, root, true, "", pruned);
    dropDisallowedNulls(object, root);
    return pruned;
  }

  private void prune(JsonNode value, JsonNode schema, String path, List<String> pruned) {
    if (schema != null && Keywords.preservesUnknownFields(schema)) {
      keepUnknown(value, schema, path, pruned);
    } else if (value.isObject()) {
      pruneObject(
          (ObjectNode) value,
          schema,
          schema != null && Keywords.embeddedResource(schema),
          path,
          pruned);
    } else if (value.isArray()) {
      JsonNode items = schema == null ? null : Keywords.items(schema);
      for (int i = 0; i < value.size(); i++) {
        prune(value.get(i), items, FieldPath.index(path, i), pruned);
      }
    }
  }

  private void pruneObject(
      ObjectNode object, JsonNode schema, boolean resource, String path, List<String> pruned) {
    for (String key : names(object)) {
      if (resource && META_FIELDS.contains(key)) {
        continue;
      }
      JsonNode child = Keywords.child(schema, key);
      if (child != null) {
        prune(object.get(key), child, FieldPath.child(path, key), pruned);
      } else {
        object.remove(key);
        pruned.add(FieldPath.child(path, key));
      }
    }
  }

  /** x-kubernetes-preserve-unknown-fields: unknown fields stay, known ones are still pruned. */
  private void keepUnknown(JsonNode value, JsonNode schema, String path, List<String> pruned) {
    if (value.isObject()) {
      boolean resource = Keywords.embeddedResource(schema);
      for (String key : names(value)) {
        if (resource && META_FIELDS.contains(key)) {
          continue;
        }
        JsonNode child = Keywords.child(schema, key);
        if (child != null) {
          prune(value.get(key), child, FieldPath.child(path, key), pruned);
        }
      }
    } else if (value.isArray()) {
      JsonNode items = Keywords.items(schema);
      for (int i = 0; i < value.size(); i++) {
        if (items != null) {
          keepUnknown(value.get(i), items, FieldPath.index(path, i), pruned);
        }
      }
    }
  }

  private static void dropDisallowedNulls(JsonNode value, JsonNode schema) {
    if (value instanceof ObjectNode object) {
      for (String key : names(object)) {
        JsonNode child = Keywords.child(schema, key);
        JsonNode v = object.get(key);
        if (v.isNull() && child != null && !Keywords.nullable(child) && !child.has("default")) {
          object.remove(key);
        } else {
          dropDisallowedNulls(v, child);
        }
      }
    } else if (value instanceof ArrayNode array) {
      JsonNode items = schema == null ? null : Keywords.items(schema);
      array.forEach(item -> dropDisallowedNulls(item, items));
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
