package dev.onair.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.ResourceType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code metadata.managedFields} as kube-apiserver keeps it: every write moves the fields it
 * changed to its manager, fields that disappear leave every manager, and a manager left with no
 * field loses its entry.
 */
public final class ManagedFields {
  private ManagedFields() {}

  /** One managedFields entry: who, how, through which subresource, and the fields it owns. */
  record Entry(
      String manager,
      String operation,
      String apiVersion,
      String time,
      String subresource,
      FieldSet fields) {

    boolean sameOwner(String manager, String operation, String subresource) {
      return this.manager.equals(manager)
          && this.operation.equals(operation)
          && Objects.equals(this.subresource, subresource);
    }

    ObjectNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("manager", manager)
          .put("operation", operation)
          .put("apiVersion", apiVersion)
          .put("time", time);
      o.put("fieldsType", "FieldsV1");
      o.set("fieldsV1", fields.toFieldsV1());
      if (subresource != null) {
        o.put("subresource", subresource);
      }
      return o;
    }
  }

  static List<Entry> read(JsonNode object) {
    List<Entry> entries = new ArrayList<>();
    if (object == null) {
      return entries;
    }
    for (JsonNode e : object.path("metadata").path("managedFields")) {
      entries.add(
          new Entry(
              e.path("manager").asText(),
              e.path("operation").asText("Update"),
              e.path("apiVersion").asText(),
              e.path("time").asText(),
              e.hasNonNull("subresource") ? e.get("subresource").asText() : null,
              FieldSet.fromFieldsV1(e.path("fieldsV1"))));
    }
    return entries;
  }

  static void write(ObjectNode object, List<Entry> entries) {
    ObjectNode meta = object.with("metadata");
    ArrayNode array = meta.putArray("managedFields");
    for (Entry e : entries) {
      if (!e.fields().isEmpty()) {
        array.add(e.toJson());
      }
    }
    if (array.isEmpty()) {
      meta.remove("managedFields");
    }
  }

  static String time(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * Records a create or update ({@code old} null on create) by {@code manager} into {@code next}'s
   * managedFields.
   */
  public static void recordUpdate(
      JsonNode old,
      ObjectNode next,
      String manager,
      String operation,
      ResourceType type,
      String subresource,
      Instant now) {
    boolean custom = type.schema() != null;
    FieldSet present = FieldSet.of(withoutManagedFields(next), type.schema(), custom);
    List<List<String>> changed = new ArrayList<>();
    for (List<String> p : present.paths()) {
      if (old == null || !Objects.equals(FieldSet.resolve(old, p), FieldSet.resolve(next, p))) {
        changed.add(p);
      }
    }
    List<Entry> entries = read(old);
    Entry mine = null;
    for (Entry e : entries) {
      e.fields().paths().retainAll(present.paths());
      if (e.sameOwner(manager, operation, subresource)) {
        mine = e;
      } else {
        changed.forEach(e.fields().paths()::remove);
      }
    }
    if (!changed.isEmpty() || mine != null) {
      FieldSet owned = mine == null ? FieldSet.empty() : mine.fields();
      owned.paths().addAll(changed);
      Entry updated =
          new Entry(
              manager,
              operation,
              type.apiVersion(),
              changed.isEmpty() && mine != null ? mine.time() : time(now),
              subresource,
              owned);
      if (mine == null) {
        entries.add(updated);
      } else {
        entries.set(entries.indexOf(mine), updated);
      }
    }
    write(next, entries);
  }

  static JsonNode withoutManagedFields(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode m) {
      m.remove("managedFields");
    }
    return copy;
  }
}
