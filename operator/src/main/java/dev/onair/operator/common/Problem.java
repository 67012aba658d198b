package dev.onair.operator.common;

/**
 * Why a resource cannot be run as specified: the spec field a person must fix, a CamelCase reason
 * for conditions, and a sentence that names the field.
 */
public record Problem(String field, String reason, String detail) {

  /** The condition message: the field first, so a person knows where to look. */
  public String message() {
    return field + ": " + detail;
  }
}
