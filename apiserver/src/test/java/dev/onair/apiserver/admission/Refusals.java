package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.ResourceType;
import java.util.List;

/** Runs a manifest through admission as kube-apiserver does on create and returns its Status. */
final class Refusals {
  static final String BLOCKED =
      "<nil>: Invalid value: \"null\": some validation rules were not checked because the object"
          + " was invalid; correct the existing errors to complete validation";

  private Refusals() {}

  /** Prune, then validate; the 422 Status, or null when the object is admitted. */
  static ObjectNode status(ResourceType type, ObjectNode manifest) {
    Admission admission = Admission.of(type);
    ObjectNode object = manifest.deepCopy();
    admission.prune(object);
    List<FieldError> errors = admission.validate(object, null);
    return errors.isEmpty()
        ? null
        : Admission.invalidStatus(type, object.path("metadata").path("name").asText(), errors);
  }

  /** {@code base} with {@code patch} merged in as a JSON merge patch (null removes). */
  static ObjectNode merged(ObjectNode base, ObjectNode patch) {
    ObjectNode result = base.deepCopy();
    merge(result, patch);
    return result;
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    patch
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode value = entry.getValue();
              JsonNode existing = target.get(entry.getKey());
              if (value.isNull()) {
                target.remove(entry.getKey());
              } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, value);
              } else {
                target.set(entry.getKey(), value.deepCopy());
              }
            });
  }
}
