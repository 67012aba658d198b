package dev.onair.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON patch. As kube-apiserver: a malformed patch is a 400, an operation that does not
 * fit the object (a missing path, a failed {@code test}) a 422.
 */
public final class JsonPatch {
  private JsonPatch() {}

  /** {@code target} patched by the operations of {@code patch}; {@code target} is not changed. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw new PatchException(
          400, "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    }
    JsonNode doc = target.deepCopy();
    for (JsonNode op : patch) {
      doc = applyOne(doc, op);
    }
    return doc;
  }

  private static JsonNode applyOne(JsonNode doc, JsonNode op) {
    String name = op.path("op").asText("");
    if (!op.has("path")) {
      throw new PatchException(400, "Unable to find 'path' in patch operation " + op);
    }
    List<String> path = pointer(op.get("path").asText());
    switch (name) {
      case "add" -> {
        return add(doc, path, value(op));
      }
      case "remove" -> {
        return remove(doc, path);
      }
      case "replace" -> {
        return add(remove(doc, path), path, value(op));
      }
      case "move" -> {
        List<String> from = pointer(from(op));
        JsonNode moved = get(doc, from);
        return add(remove(doc, from), path, moved.deepCopy());
      }
      case "copy" -> {
        return add(doc, path, get(doc, pointer(from(op))).deepCopy());
      }
      case "test" -> {
        JsonNode actual = get(doc, path);
        if (!actual.equals(value(op))) {
          throw new PatchException(
              422, "testing value " + op.get("path").asText() + " failed: test failed");
        }
        return doc;
      }
      default -> throw new PatchException(400, "Unexpected kind: " + name);
    }
  }

  private static JsonNode value(JsonNode op) {
    if (!op.has("value")) {
      throw new PatchException(400, "Unable to find 'value' in patch operation " + op);
    }
    return op.get("value").deepCopy();
  }

  private static String from(JsonNode op) {
    if (!op.has("from")) {
      throw new PatchException(400, "Unable to find 'from' in patch operation " + op);
    }
    return op.get("from").asText();
  }

  static List<String> pointer(String p) {
    if (p.isEmpty()) {
      return List.of();
    }
    if (!p.startsWith("/")) {
      throw new PatchException(400, "JSON pointer must be empty or start with a \"/\": " + p);
    }
    List<String> tokens = new ArrayList<>();
    for (String t : p.substring(1).split("/", -1)) {
      tokens.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return tokens;
  }

  private static JsonNode get(JsonNode doc, List<String> path) {
    JsonNode node = doc;
    for (String t : path) {
      node = child(node, t, path);
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String token, List<String> path) {
    JsonNode next = null;
    if (node.isObject()) {
      next = node.get(token);
    } else if (node.isArray()) {
      int i = index(token, node.size() - 1, path);
      next = node.get(i);
    }
    if (next == null) {
      throw missing(path);
    }
    return next;
  }

  private static JsonNode add(JsonNode doc, List<String> path, JsonNode value) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = get(doc, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      if (last.equals("-")) {
        a.add(value);
      } else {
        a.insert(index(last, a.size(), path), value);
      }
    } else {
      throw missing(path);
    }
    return doc;
  }

  private static JsonNode remove(JsonNode doc, List<String> path) {
    if (path.isEmpty()) {
      throw new PatchException(422, "unable to remove the whole document");
    }
    JsonNode parent = get(doc, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode o && o.has(last)) {
      o.remove(last);
    } else if (parent instanceof ArrayNode a) {
      a.remove(index(last, a.size() - 1, path));
    } else {
      throw missing(path);
    }
    return doc;
  }

  private static int index(String token, int max, List<String> path) {
    try {
      int i = Integer.parseInt(token);
      if (i < 0 || i > max) {
        throw missing(path);
      }
      return i;
    } catch (NumberFormatException e) {
      throw missing(path);
    }
  }

  private static PatchException missing(List<String> path) {
    return new PatchException(
        422, "doc is missing path: \"/" + String.join("/", path) + "\": missing value");
  }
}
