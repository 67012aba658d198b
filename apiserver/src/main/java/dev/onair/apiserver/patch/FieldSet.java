package dev.onair.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an object as server-side apply tracks them: a set of leaf paths whose elements are
 * {@code f:name} (a field), {@code k:{"name":"x"}} (an element of a keyed list) and {@code .} (the
 * element itself), read from and written to the {@code fieldsV1} form of managedFields.
 */
final class FieldSet {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Metadata that belongs to the server, never to a manager. */
  private static final Set<String> OWNABLE_METADATA =
      Set.of("labels", "annotations", "finalizers", "ownerReferences");

  private final Set<List<String>> paths;

  private FieldSet(Set<List<String>> paths) {
    this.paths = paths;
  }

  static FieldSet empty() {
    return new FieldSet(new LinkedHashSet<>());
  }

  /** Every leaf of {@code object} a manager can own. */
  static FieldSet of(JsonNode object, JsonNode schema, boolean custom) {
    Set<List<String>> out = new LinkedHashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String k = f.getKey();
      if (k.equals("apiVersion") || k.equals("kind")) {
        continue;
      }
      if (k.equals("metadata")) {
        for (String m : OWNABLE_METADATA) {
          JsonNode v = f.getValue().get(m);
          if (v != null) {
            walk(v, null, m, List.of("f:metadata", "f:" + m), false, out);
          }
        }
        continue;
      }
      walk(f.getValue(), ListKeys.property(schema, k), k, List.of("f:" + k), custom, out);
    }
    return new FieldSet(out);
  }

  private static void walk(
      JsonNode n,
      JsonNode schema,
      String field,
      List<String> prefix,
      boolean custom,
      Set<List<String>> out) {
    if (n.isObject() && !n.isEmpty()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        walk(
            f.getValue(),
            ListKeys.property(schema, f.getKey()),
            f.getKey(),
            append(prefix, "f:" + f.getKey()),
            custom,
            out);
      }
      return;
    }
    if (n.isArray() && !n.isEmpty()) {
      List<String> keys = ListKeys.of(field, schema, n.get(0), custom);
      if (!keys.isEmpty() && allObjectsWith(n, keys)) {
        for (JsonNode e : n) {
          List<String> item = append(prefix, keyElement(e, keys));
          out.add(append(item, "."));
          for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            walk(
                f.getValue(),
                ListKeys.property(ListKeys.items(schema), f.getKey()),
                f.getKey(),
                append(item, "f:" + f.getKey()),
                custom,
                out);
          }
        }
        return;
      }
    }
    out.add(prefix);
  }

  private static boolean allObjectsWith(JsonNode list, List<String> keys) {
    for (JsonNode e : list) {
      if (!e.isObject()) {
        return false;
      }
      for (String k : keys) {
        if (!e.has(k)) {
          return false;
        }
      }
    }
    return true;
  }

  static String keyElement(JsonNode element, List<String> keys) {
    ObjectNode key = JSON.createObjectNode();
    for (String k : keys) {
      key.set(k, element.get(k));
    }
    return "k:" + key;
  }

  private static List<String> append(List<String> prefix, String element) {
    List<String> p = new ArrayList<>(prefix.size() + 1);
    p.addAll(prefix);
    p.add(element);
    return p;
  }

  /** The set a managedFields entry's {@code fieldsV1} describes. */
  static FieldSet fromFieldsV1(JsonNode fieldsV1) {
    Set<List<String>> out = new LinkedHashSet<>();
    read(fieldsV1, List.of(), out);
    return new FieldSet(out);
  }

  private static void read(JsonNode node, List<String> prefix, Set<List<String>> out) {
    if (node == null || !node.isObject() || node.isEmpty()) {
      if (!prefix.isEmpty()) {
        out.add(prefix);
      }
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      read(node.get(k), append(prefix, k), out);
    }
  }

  ObjectNode toFieldsV1() {
    ObjectNode root = JSON.createObjectNode();
    for (List<String> p : paths) {
      ObjectNode at = root;
      for (String e : p) {
        at = at.with(e);
      }
    }
    return root;
  }

  Set<List<String>> paths() {
    return paths;
  }

  boolean isEmpty() {
    return paths.isEmpty();
  }

  FieldSet copy() {
    return new FieldSet(new LinkedHashSet<>(paths));
  }

  /** The node a path names in {@code object}, or null when it has none. */
  static JsonNode resolve(JsonNode object, List<String> path) {
    JsonNode at = object;
    for (String e : path) {
      if (at == null) {
        return null;
      }
      if (e.equals(".")) {
        continue;
      }
      at = step(at, e);
    }
    return at;
  }

  private static JsonNode step(JsonNode at, String e) {
    if (e.startsWith("f:")) {
      return at.isObject() ? at.get(e.substring(2)) : null;
    }
    if (e.startsWith("k:") && at.isArray()) {
      JsonNode key = parse(e.substring(2));
      for (JsonNode item : at) {
        if (matches(item, key)) {
          return item;
        }
      }
    }
    return null;
  }

  private static boolean matches(JsonNode item, JsonNode key) {
    for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> k = it.next();
      if (!k.getValue().equals(item.get(k.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Removes the field or list element a path names, if {@code object} has it. */
  static void remove(JsonNode object, List<String> path) {
    boolean item = path.get(path.size() - 1).equals(".");
    List<String> target = item ? path.subList(0, path.size() - 1) : path;
    JsonNode parent = resolve(object, target.subList(0, target.size() - 1));
    String last = target.get(target.size() - 1);
    if (parent instanceof ObjectNode o && last.startsWith("f:")) {
      o.remove(last.substring(2));
    } else if (parent instanceof ArrayNode a && last.startsWith("k:")) {
      JsonNode key = parse(last.substring(2));
      for (int i = a.size() - 1; i >= 0; i--) {
        if (matches(a.get(i), key)) {
          a.remove(i);
        }
      }
    }
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** {@code .spec.containers[name="app"].image}, as apply conflicts name a field. */
  static String describe(List<String> path) {
    StringBuilder s = new StringBuilder();
    for (String e : path) {
      if (e.startsWith("f:")) {
        s.append('.').append(e.substring(2));
      } else if (e.startsWith("k:")) {
        JsonNode key = parse(e.substring(2));
        List<String> parts = new ArrayList<>();
        key.fields().forEachRemaining(k -> parts.add(k.getKey() + "=" + k.getValue()));
        s.append('[').append(String.join(",", parts)).append(']');
      }
    }
    return s.toString();
  }
}
