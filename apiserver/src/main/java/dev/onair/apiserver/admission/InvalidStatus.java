package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Status of reason Invalid (HTTP 422) as apimachinery's errors.NewInvalid builds it: one cause
 * per field error, and a message that joins the distinct errors as field.ErrorList.ToAggregate
 * does: {@code err} alone, {@code [err1, err2]} for more.
 */
final class InvalidStatus {
  private InvalidStatus() {}

  static ObjectNode of(String group, String kind, String name, List<FieldError> errors) {
    String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    String invalid = qualifiedKind + " " + GoText.quote(name) + " is invalid";
    status.put("message", errors.isEmpty() ? invalid : invalid + ": " + aggregate(errors));
    status.put("reason", "Invalid");
    ObjectNode details = status.putObject("details");
    details.put("name", name);
    details.put("group", group);
    details.put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError error : errors) {
      ObjectNode cause = causes.addObject();
      cause.put("reason", error.type().causeReason());
      cause.put("message", error.body());
      if (error.field() != null && !error.field().isEmpty()) {
        cause.put("field", error.field());
      }
    }
    status.put("code", 422);
    return status;
  }

  /** utilerrors.Aggregate.Error(): distinct messages, bracketed when more than one. */
  static String aggregate(List<FieldError> errors) {
    Set<String> messages = new LinkedHashSet<>();
    errors.forEach(e -> messages.add(e.message()));
    return messages.size() == 1
        ? messages.iterator().next()
        : "[" + String.join(", ", messages) + "]";
  }
}
