package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.cel.common.values.NullValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as CEL sees them under a schema, as apiextensions' UnstructuredToVal converts them:
 * integers as Long, numbers as Double (even 2), strings of format date-time as timestamps, objects
 * as maps and arrays as lists. The root of a resource shows apiVersion, kind and only metadata.name
 * and metadata.generateName.
 */
final class CelValues {
  private CelValues() {}

  static Object of(JsonNode value, JsonNode schema, boolean resourceRoot) {
    if (value == null || value.isNull()) {
      return NullValue.NULL_VALUE;
    }
    String type = schema == null ? "" : Keywords.type(schema);
    if (value.isNumber()) {
      if (type.equals("number")) {
        return value.doubleValue();
      }
      if (value.isIntegralNumber()
          || type.equals("integer") && OpenApiValidator.isWhole(value.doubleValue())) {
        return value.longValue();
      }
      return value.doubleValue();
    }
    if (value.isTextual()) {
      String format = schema == null ? "" : schema.path("format").asText("");
      if (type.equals("string") && (format.equals("date-time") || format.equals("datetime"))) {
        return timestampOrText(value.asText());
      }
      return value.asText();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isArray()) {
      JsonNode items = schema == null ? null : Keywords.items(schema);
      List<Object> list = new ArrayList<>();
      value.forEach(item -> list.add(of(item, items, false)));
      return list;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    value
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode child = Keywords.child(schema, entry.getKey());
              boolean embedded = child != null && Keywords.embeddedResource(child);
              map.put(entry.getKey(), of(entry.getValue(), child, embedded));
            });
    if (resourceRoot && value.path("metadata").isObject()) {
      Map<String, Object> metadata = new LinkedHashMap<>();
      for (String visible : List.of("name", "generateName")) {
        JsonNode field = value.path("metadata").get(visible);
        if (field != null && field.isTextual()) {
          metadata.put(visible, field.asText());
        }
      }
      map.put("metadata", metadata);
    }
    return map;
  }

  private static Object timestampOrText(String text) {
    try {
      Instant instant = OffsetDateTime.parse(text).toInstant();
      return Timestamp.newBuilder()
          .setSeconds(instant.getEpochSecond())
          .setNanos(instant.getNano())
          .build();
    } catch (DateTimeParseException e) {
      return text;
    }
  }
}
