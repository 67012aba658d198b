package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reason kube-apiserver refuses an object, in the shape of apimachinery's {@code field.Error}:
 * {@code field} is the dotted path ({@code spec.video.width}, {@code spec.outputs[2].url}), {@code
 * type} one of {@link Type}, {@code badValue} the offending value (null where kube-apiserver shows
 * none, as for a required value), {@code detail} the human explanation.
 */
public record FieldError(String field, Type type, JsonNode badValue, String detail) {

  /** The field kube-apiserver names when an error belongs to no field: a nil field.Path. */
  public static final String NO_FIELD = "<nil>";

  /**
   * {@code spec.video.width: Invalid value: 641: must be even}, as field.Error.Error() prints it.
   */
  public String message() {
    return field + ": " + body();
  }

  /**
   * The message without the field, as field.Error.ErrorBody() prints it and as a Status cause
   * carries it: the type's words, then the bad value where kube shows one (strings quoted, numbers
   * bare, objects as Go prints them), then the detail.
   */
  public String body() {
    StringBuilder body = new StringBuilder(type.words());
    if (type.showsValue) {
      body.append(": ").append(GoText.errorValue(badValue));
    }
    if (detail != null && !detail.isEmpty()) {
      body.append(": ").append(detail);
    }
    return body.toString();
  }

  /** apimachinery's ErrorType: the word kubectl prints and the cause reason in Status.details. */
  public enum Type {
    REQUIRED("Required value", "FieldValueRequired", false),
    INVALID("Invalid value", "FieldValueInvalid", true),
    /** A value of the wrong JSON type or string format; blocks the CEL rules like kube does. */
    TYPE_INVALID("Invalid value", "FieldValueTypeInvalid", true),
    UNSUPPORTED("Unsupported value", "FieldValueNotSupported", true),
    TOO_LONG("Too long", "FieldValueTooLong", false),
    TOO_MANY("Too many", "FieldValueTooMany", true),
    DUPLICATE("Duplicate value", "FieldValueDuplicate", true),
    FORBIDDEN("Forbidden", "FieldValueForbidden", false),
    INTERNAL("Internal error", "InternalError", false),
    UNKNOWN_FIELD("Unknown field", "FieldValueUnknown", true);

    private final String words;
    private final String causeReason;
    private final boolean showsValue;

    Type(String words, String causeReason, boolean showsValue) {
      this.words = words;
      this.causeReason = causeReason;
      this.showsValue = showsValue;
    }

    /** {@code Invalid value}. */
    public String words() {
      return words;
    }

    /** {@code FieldValueInvalid}, the {@code reason} of a cause in Status.details.causes. */
    public String causeReason() {
      return causeReason;
    }
  }
}
