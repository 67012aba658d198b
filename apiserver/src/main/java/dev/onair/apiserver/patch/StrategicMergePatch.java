package dev.onair.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge patch for built-in kinds, as {@code kubectl apply}, {@code edit} and
 * {@code label} send it: objects merge, {@code null} removes, lists with a merge key merge element
 * by element ({@code $patch: delete} removes one), the directives kubectl adds ({@code
 * $setElementOrder/…}, {@code $retainKeys}, {@code $deleteFromPrimitiveList/…}) are honoured or,
 * where they only order elements, dropped.
 */
public final class StrategicMergePatch {
  private static final String SET_ORDER = "$setElementOrder/";
  private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

  private StrategicMergePatch() {}

  /** {@code live} patched; {@code kind} is the built-in kind (its lists' merge keys are known). */
  public static JsonNode apply(JsonNode live, JsonNode patch, String kind) {
    if (!patch.isObject()) {
      throw new PatchException(400, "strategic merge patch must be a JSON object");
    }
    return mergeObject((ObjectNode) live.deepCopy(), (ObjectNode) patch);
  }

  private static ObjectNode mergeObject(ObjectNode target, ObjectNode patch) {
    if ("replace".equals(patch.path("$patch").asText())) {
      ObjectNode replaced = patch.deepCopy();
      replaced.remove("$patch");
      return replaced;
    }
    JsonNode retain = patch.get("$retainKeys");
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      JsonNode value = f.getValue();
      if (key.startsWith(SET_ORDER) || key.equals("$retainKeys") || key.equals("$patch")) {
        continue;
      }
      if (key.startsWith(DELETE_PRIMITIVE)) {
        String field = key.substring(DELETE_PRIMITIVE.length());
        if (target.get(field) instanceof ArrayNode list) {
          for (int i = list.size() - 1; i >= 0; i--) {
            for (JsonNode gone : value) {
              if (list.get(i).equals(gone)) {
                list.remove(i);
                break;
              }
            }
          }
        }
        continue;
      }
      if (value.isNull()) {
        target.remove(key);
      } else if (value.isObject() && target.get(key) instanceof ObjectNode existing) {
        target.set(key, mergeObject(existing, (ObjectNode) value));
      } else if (value.isArray() && target.get(key) instanceof ArrayNode existing) {
        target.set(key, mergeList(key, existing, (ArrayNode) value));
      } else {
        target.set(key, strip(value));
      }
    }
    if (retain != null && retain.isArray()) {
      List<String> keep = new java.util.ArrayList<>();
      retain.forEach(k -> keep.add(k.asText()));
      target.retain(keep);
    }
    return target;
  }

  private static ArrayNode mergeList(String field, ArrayNode target, ArrayNode patch) {
    JsonNode first = patch.isEmpty() ? null : patch.get(0);
    if (first != null && !first.isObject()) {
      if (!ListKeys.mergesPrimitives(field)) {
        return (ArrayNode) strip(patch);
      }
      ArrayNode union = target.deepCopy();
      for (JsonNode v : patch) {
        boolean present = false;
        for (JsonNode t : union) {
          present |= t.equals(v);
        }
        if (!present) {
          union.add(v);
        }
      }
      return union;
    }
    List<String> keys = ListKeys.of(field, null, first, false);
    if (keys.isEmpty()) {
      return (ArrayNode) strip(patch);
    }
    ArrayNode result = target.deepCopy();
    for (JsonNode element : patch) {
      int at = -1;
      for (int i = 0; i < result.size(); i++) {
        if (ListKeys.sameKey(result.get(i), element, keys)) {
          at = i;
        }
      }
      boolean delete = "delete".equals(element.path("$patch").asText());
      if (delete) {
        if (at >= 0) {
          result.remove(at);
        }
      } else if (at >= 0) {
        result.set(at, mergeObject((ObjectNode) result.get(at), (ObjectNode) element));
      } else {
        result.add(strip(element));
      }
    }
    return result;
  }

  /** A new value without patch directives. */
  private static JsonNode strip(JsonNode value) {
    JsonNode copy = value.deepCopy();
    removeDirectives(copy);
    return copy;
  }

  private static void removeDirectives(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> directives = new java.util.ArrayList<>();
      o.fieldNames()
          .forEachRemaining(
              n -> {
                if (n.startsWith("$")) {
                  directives.add(n);
                }
              });
      o.remove(directives);
      o.elements().forEachRemaining(StrategicMergePatch::removeDirectives);
    } else if (node instanceof ArrayNode a) {
      a.elements().forEachRemaining(StrategicMergePatch::removeDirectives);
    }
  }
}
