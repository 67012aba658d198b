package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reason kube-apiserver refuses an object, in the shape of apimachinery's {@code field.Error}:
 * {@code field} is the dotted path ({@code spec.video.width}, {@code spec.outputs[2].url}), {@code
 * type} one of {@link Type}, {@code badValue} the offending value (null where kube-apiserver shows
 * none, as for a required value), {@code detail} the human explanation.
 */
public record FieldError(String field, Type type, JsonNode badValue, String detail) {

  /** apimachinery's ErrorType: the word kubectl prints and the cause reason in Status.details. */
  public enum Type {
    REQUIRED("Required value", "FieldValueRequired"),
    INVALID("Invalid value", "FieldValueInvalid"),
    UNSUPPORTED("Unsupported value", "FieldValueNotSupported"),
    TOO_LONG("Too long", "FieldValueTooLong"),
    TOO_MANY("Too many", "FieldValueTooMany"),
    DUPLICATE("Duplicate value", "FieldValueDuplicate"),
    FORBIDDEN("Forbidden", "FieldValueForbidden"),
    UNKNOWN_FIELD("Unknown field", "FieldValueUnknown");

    private final String words;
    private final String causeReason;

    Type(String words, String causeReason) {
      this.words = words;
      this.causeReason = causeReason;
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
