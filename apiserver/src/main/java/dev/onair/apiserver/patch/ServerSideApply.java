package dev.onair.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Server-side apply ({@code kubectl apply --server-side}, {@code application/apply-patch+yaml}):
 * the applied configuration is merged into the live object, fields the manager applied before and
 * no longer applies are removed, and a field another manager owns with a different value is a
 * conflict unless the apply is forced, which takes the field over.
 */
public final class ServerSideApply {
  private ServerSideApply() {}

  /** The object after {@code manager} applies {@code applied}; {@code live} is null on create. */
  public static ObjectNode apply(
      ObjectNode live,
      ObjectNode applied,
      String manager,
      boolean force,
      ResourceType type,
      Instant now,
      String subresource) {
    boolean custom = type.schema() != null;
    ObjectNode config = scoped(applied, type, subresource);
    FieldSet appliedFields = FieldSet.of(config, type.schema(), custom);
    if (live == null) {
      ObjectNode created = applied.deepCopy();
      List<ManagedFields.Entry> entries = new ArrayList<>();
      entries.add(entry(manager, type, subresource, now, appliedFields));
      ManagedFields.write(created, entries);
      return created;
    }
    List<ManagedFields.Entry> entries = ManagedFields.read(live);
    Map<ManagedFields.Entry, List<List<String>>> conflicts = new LinkedHashMap<>();
    ManagedFields.Entry previous = null;
    for (ManagedFields.Entry e : entries) {
      if (e.sameOwner(manager, "Apply", subresource)) {
        previous = e;
        continue;
      }
      List<List<String>> overlap = new ArrayList<>();
      for (List<String> p : e.fields().paths()) {
        if (appliedFields.paths().contains(p)
            && !p.get(p.size() - 1).equals(".")
            && !Objects.equals(FieldSet.resolve(live, p), FieldSet.resolve(config, p))) {
          overlap.add(p);
        }
      }
      if (!overlap.isEmpty()) {
        conflicts.put(e, overlap);
      }
    }
    if (!conflicts.isEmpty() && !force) {
      throw new PatchException(409, conflictMessage(conflicts));
    }
    conflicts.forEach((e, paths) -> paths.forEach(e.fields().paths()::remove));
    ObjectNode result = live.deepCopy();
    if (previous != null) {
      for (List<String> p : previous.fields().paths()) {
        if (!appliedFields.paths().contains(p) && !ownedByOthers(entries, previous, p)) {
          FieldSet.remove(result, p);
        }
      }
      entries.remove(previous);
    }
    merge(result, config, type.schema(), custom);
    entries.add(entry(manager, type, subresource, now, appliedFields));
    ManagedFields.write(result, entries);
    return result;
  }

  private static ManagedFields.Entry entry(
      String manager, ResourceType type, String subresource, Instant now, FieldSet fields) {
    return new ManagedFields.Entry(
        manager, "Apply", type.apiVersion(), ManagedFields.time(now), subresource, fields);
  }

  /** The part of an applied configuration the request may set: status only through /status. */
  private static ObjectNode scoped(ObjectNode applied, ResourceType type, String subresource) {
    ObjectNode config = applied.deepCopy();
    if (config.get("metadata") instanceof ObjectNode m) {
      m.remove("managedFields");
    }
    if ("status".equals(subresource)) {
      ObjectNode only = config.objectNode();
      if (config.has("status")) {
        only.set("status", config.get("status"));
      }
      return only;
    }
    if (type.statusSubresource()) {
      config.remove("status");
    }
    return config;
  }

  private static boolean ownedByOthers(
      List<ManagedFields.Entry> entries, ManagedFields.Entry self, List<String> path) {
    for (ManagedFields.Entry e : entries) {
      if (e != self && e.fields().paths().contains(path)) {
        return true;
      }
    }
    return false;
  }

  private static void merge(ObjectNode target, ObjectNode config, JsonNode schema, boolean custom) {
    for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = f.getKey();
      JsonNode value = f.getValue();
      JsonNode existing = target.get(key);
      JsonNode sub = key.equals("metadata") ? null : ListKeys.property(schema, key);
      if (value.isObject() && existing instanceof ObjectNode o) {
        merge(o, (ObjectNode) value, sub, custom);
      } else if (value.isArray() && existing instanceof ArrayNode a && !value.isEmpty()) {
        List<String> keys = ListKeys.of(key, sub, value.get(0), custom);
        target.set(
            key,
            keys.isEmpty()
                ? value.deepCopy()
                : mergeKeyed(a, (ArrayNode) value, keys, sub, custom));
      } else {
        target.set(key, value.deepCopy());
      }
    }
  }

  private static ArrayNode mergeKeyed(
      ArrayNode live, ArrayNode config, List<String> keys, JsonNode schema, boolean custom) {
    ArrayNode result = live.deepCopy();
    for (JsonNode element : config) {
      ObjectNode match = null;
      for (JsonNode l : result) {
        if (l.isObject() && ListKeys.sameKey(l, element, keys)) {
          match = (ObjectNode) l;
        }
      }
      if (match == null || !element.isObject()) {
        result.add(element.deepCopy());
      } else {
        merge(match, (ObjectNode) element, ListKeys.items(schema), custom);
      }
    }
    return result;
  }

  private static String conflictMessage(Map<ManagedFields.Entry, List<List<String>>> conflicts) {
    int n = conflicts.values().stream().mapToInt(List::size).sum();
    StringBuilder s =
        new StringBuilder("Apply failed with " + n + " conflict" + (n == 1 ? "" : "s") + ": ");
    List<String> parts = new ArrayList<>();
    conflicts.forEach(
        (e, paths) -> {
          if (paths.size() == 1) {
            parts.add(
                "conflict with \""
                    + e.manager()
                    + "\""
                    + using(e)
                    + ": "
                    + FieldSet.describe(paths.get(0)));
          } else {
            StringBuilder p =
                new StringBuilder("conflicts with \"" + e.manager() + "\"" + using(e) + ":");
            paths.forEach(path -> p.append("\n- ").append(FieldSet.describe(path)));
            parts.add(p.toString());
          }
        });
    return s.append(String.join("\n", parts)).toString();
  }

  private static String using(ManagedFields.Entry e) {
    return e.operation().equals("Update") ? " using " + e.apiVersion() : "";
  }
}
