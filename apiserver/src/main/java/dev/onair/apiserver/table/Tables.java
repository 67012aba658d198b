package dev.onair.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.PrinterColumn;
import dev.onair.apiserver.ResourceType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The {@code meta.k8s.io/v1 Table} that {@code kubectl get} asks for: a Name column, then the
 * kind's printer columns (a CRD's {@code additionalPrinterColumns} evaluated by JSONPath, or the
 * built-in kinds' computed columns), one row per object.
 */
public final class Tables {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Tables() {}

  /** {@code includeObject}: None, Metadata (the default) or Object, as the request asks. */
  public static ObjectNode table(
      ResourceType type,
      List<? extends JsonNode> items,
      String includeObject,
      String resourceVersion) {
    Instant now = Instant.now();
    ObjectNode table = NODES.objectNode();
    table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    ObjectNode meta = table.putObject("metadata");
    if (!resourceVersion.isEmpty()) {
      meta.put("resourceVersion", resourceVersion);
    }
    ArrayNode columns = table.putArray("columnDefinitions");
    columns
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("description", "Name must be unique within a namespace.")
        .put("priority", 0);
    for (PrinterColumn c : type.printerColumns()) {
      columns
          .addObject()
          .put("name", c.name())
          .put("type", c.type())
          .put("format", c.format())
          .put("description", c.description())
          .put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode o : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(o.path("metadata").path("name").asText());
      for (PrinterColumn c : type.printerColumns()) {
        cells.add(
            toNode(
                c.jsonPath() == null
                    ? BuiltinCells.cell(type.kind(), c.name(), o, now)
                    : custom(c, o, now)));
      }
      switch (includeObject.toLowerCase(Locale.ROOT)) {
        case "none" -> {}
        case "object" -> row.set("object", o);
        default -> {
          ObjectNode partial = row.putObject("object");
          partial.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
          partial.set("metadata", o.path("metadata"));
        }
      }
    }
    return table;
  }

  /** A CRD column: the JSONPath's values, typed as the column says; null when absent. */
  private static Object custom(PrinterColumn c, JsonNode o, Instant now) {
    List<JsonNode> values;
    try {
      values = JsonPath.select(o, c.jsonPath());
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (values.isEmpty() || values.get(0).isNull()) {
      return null;
    }
    JsonNode v = values.get(0);
    return switch (c.type()) {
      case "integer" -> v.canConvertToLong() ? (Object) v.asLong() : v.asText();
      case "number" -> v.isNumber() ? (Object) v.asDouble() : v.asText();
      case "boolean" -> v.isBoolean() ? (Object) v.asBoolean() : v.asText();
      case "date" -> Ages.since(v.asText(), now);
      default ->
          values.size() == 1
              ? text(v)
              : String.join(",", values.stream().map(Tables::text).toList());
    };
  }

  private static String text(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static JsonNode toNode(Object cell) {
    if (cell == null) {
      return NODES.nullNode();
    }
    if (cell instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (cell instanceof Integer i) {
      return NODES.numberNode(i.longValue());
    }
    if (cell instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (cell instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    return NODES.textNode(cell.toString());
  }
}
