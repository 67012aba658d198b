package dev.onair.apiserver.admission;

/**
 * Field paths spelled as apimachinery's field.Path prints them: {@code spec.outputs[0].url}, {@code
 * spec.resources.limits[cpu]}; the empty path is the nil path, printed {@code <nil>}.
 */
final class FieldPath {
  private FieldPath() {}

  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  static String key(String parent, String key) {
    return parent + "[" + key + "]";
  }

  /** The path as a FieldError's field: {@code <nil>} for the root. */
  static String field(String path) {
    return path.isEmpty() ? FieldError.NO_FIELD : path;
  }
}
