package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.admission.FieldError.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The uniqueness of {@code x-kubernetes-list-type: set} items and {@code map} keys, as
 * apiextensions-apiserver's listtype.ValidateListSetsAndMaps reports it: one Duplicate value per
 * first repetition.
 */
final class ListTypeValidator {
  private final JsonNode root;

  ListTypeValidator(JsonNode root) {
    this.root = root;
  }

  List<FieldError> validate(JsonNode object) {
    List<FieldError> errors = new ArrayList<>();
    validateObject(object, root, "", errors);
    return errors;
  }

  private void validateObject(
      JsonNode object, JsonNode schema, String path, List<FieldError> errors) {
    JsonNode additional = Keywords.additionalProperties(schema);
    object
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode property = Keywords.property(schema, entry.getKey());
              if (property != null) {
                validate(entry.getValue(), property, FieldPath.child(path, entry.getKey()), errors);
              } else if (additional != null) {
                validate(entry.getValue(), additional, FieldPath.key(path, entry.getKey()), errors);
              }
            });
  }

  private void validate(JsonNode value, JsonNode schema, String path, List<FieldError> errors) {
    if (value.isObject()) {
      validateObject(value, schema, path, errors);
    } else if (value.isArray()) {
      switch (Keywords.listType(schema)) {
        case "set" -> {
          for (int i : firstRepeats(items(value))) {
            errors.add(duplicate(path, i, value.get(i)));
          }
        }
        case "map" -> errors.addAll(mapDuplicates(value, Keywords.listMapKeys(schema), path));
        default -> {}
      }
      JsonNode items = Keywords.items(schema);
      if (items != null) {
        for (int i = 0; i < value.size(); i++) {
          validate(value.get(i), items, FieldPath.index(path, i), errors);
        }
      }
    }
  }

  private static List<FieldError> mapDuplicates(
      JsonNode list, List<String> keyFields, String path) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      if (!item.isNull() && !item.isObject()) {
        return List.of(
            new FieldError(
                FieldPath.index(path, i),
                Type.INVALID,
                item,
                "must be an object for an array of list-type map"));
      }
    }
    List<JsonNode> keys = new ArrayList<>();
    for (JsonNode item : list) {
      ObjectNode key = JsonNodeFactory.instance.objectNode();
      for (String field : keyFields) {
        if (item.has(field)) {
          key.set(field, item.get(field));
        }
      }
      keys.add(key);
    }
    List<FieldError> errors = new ArrayList<>();
    for (int i : firstRepeats(keys)) {
      errors.add(duplicate(path, i, keys.get(i)));
    }
    return errors;
  }

  /** The index of the second appearance of each value that appears more than once. */
  private static List<Integer> firstRepeats(List<JsonNode> values) {
    List<Integer> repeats = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      int times = seen.merge(canonical(values.get(i)), 1, Integer::sum);
      if (times == 2) {
        repeats.add(i);
      }
    }
    return repeats;
  }

  private static String canonical(JsonNode value) {
    if (value.isNumber()) {
      return "n:" + value.decimalValue().stripTrailingZeros().toPlainString();
    }
    if (value.isObject()) {
      StringBuilder out = new StringBuilder("{");
      List<String> names = new ArrayList<>();
      value.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      for (String name : names) {
        out.append(GoText.quote(name)).append(':').append(canonical(value.get(name))).append(',');
      }
      return out.append('}').toString();
    }
    if (value.isArray()) {
      StringBuilder out = new StringBuilder("[");
      value.forEach(item -> out.append(canonical(item)).append(','));
      return out.append(']').toString();
    }
    return value.getNodeType() + ":" + value.asText();
  }

  private static List<JsonNode> items(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static FieldError duplicate(String path, int index, JsonNode value) {
    return new FieldError(FieldPath.index(path, index), Type.DUPLICATE, value, "");
  }
}
