package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.re2j.Pattern;
import dev.onair.apiserver.admission.FieldError.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI value validation kube-apiserver runs on a custom resource: kube-openapi's
 * SchemaValidator (type, format, string, number, array, enum and object checks, in that order, each
 * applying by the JSON kind of the value) with its errors turned into field errors as
 * apiextensions-apiserver's kubeOpenAPIResultToFieldErrors does. Messages keep kube-openapi's
 * {@code <name> in body ...} wording.
 */
final class OpenApiValidator {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final JsonNode root;
  private final StringFormats formats = new StringFormats();
  private final PatternCache patterns = new PatternCache();

  OpenApiValidator(JsonNode root) {
    this.root = root;
  }

  /**
   * Errors of {@code object} against the root schema. {@code metadata} is left to ObjectMeta
   * validation. On an update, a subtree equal to its old value is not reported (CRD validation
   * ratcheting).
   */
  List<FieldError> validate(JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    validateObject(object, old, root, "", errors, true);
    return errors;
  }

  /** One value against one schema; {@code name} is kube-openapi's path of the value. */
  private void validate(
      JsonNode value, JsonNode old, JsonNode schema, String name, List<FieldError> errors) {
    if (old != null && old.equals(value)) {
      return;
    }
    if (value.isNull()) {
      checkType(value, schema, name, errors);
      checkEnum(value, schema, name, errors);
      return;
    }
    checkType(value, schema, name, errors);
    checkCombinations(value, schema, name, errors);
    if (value.isTextual()) {
      checkString(value.asText(), schema, name, errors);
      checkFormat(value.asText(), schema, name, errors);
    }
    if (value.isNumber()) {
      checkNumber(value, schema, name, errors);
    }
    if (value.isArray()) {
      checkArray(value, old, schema, name, errors);
    }
    checkEnum(value, schema, name, errors);
    if (value.isObject()) {
      validateObject(value, old, schema, name, errors, false);
    }
  }

  private void checkType(JsonNode value, JsonNode schema, String name, List<FieldError> errors) {
    List<String> types = Keywords.types(schema);
    String format = schema.path("format").asText("");
    if (types.isEmpty() && format.isEmpty()) {
      return;
    }
    if (value.isNull()) {
      if (!types.isEmpty() && !types.contains("null") && !Keywords.nullable(schema)) {
        errors.add(typeError(name, String.join(",", types), "null"));
      }
      return;
    }
    String actual = jsonType(value);
    boolean floatAsInteger =
        actual.equals("number") && isWhole(value.doubleValue()) && types.contains("integer");
    boolean integerAsNumber = actual.equals("integer") && types.contains("number");
    boolean stringOrArray = value.isTextual() || value.isArray();
    if (!stringOrArray && !format.isEmpty()) {
      String actualFormat =
          actual.equals("integer") ? "int64" : actual.equals("number") ? "float64" : "";
      boolean lower =
          format.equals("int64") && actualFormat.equals("int32")
              || format.equals("float64") && actualFormat.equals("float32");
      if (!(types.contains(actual)
          || format.equals(actualFormat)
          || floatAsInteger
          || integerAsNumber
          || lower)) {
        errors.add(typeError(name, format, actualFormat));
        return;
      }
    }
    if (!(types.contains("number") || types.contains("integer"))
        && !format.isEmpty()
        && stringOrArray) {
      return;
    }
    if (!(types.contains(actual) || floatAsInteger || integerAsNumber)) {
      errors.add(typeError(name, String.join(",", types), actual));
    }
  }

  private static FieldError typeError(String name, String expected, String actual) {
    return new FieldError(
        field(name),
        Type.TYPE_INVALID,
        TextNode.valueOf(actual),
        name + " in body must be of type " + expected + ": " + GoText.quote(actual));
  }

  /** anyOf, oneOf, allOf and not, as kube-openapi's schemaPropsValidator reports them. */
  private void checkCombinations(
      JsonNode value, JsonNode schema, String name, List<FieldError> errors) {
    JsonNode anyOf = schema.path("anyOf");
    if (anyOf.size() > 0) {
      List<FieldError> best = null;
      boolean passed = false;
      for (JsonNode alternative : anyOf) {
        List<FieldError> result = new ArrayList<>();
        validate(value, null, alternative, name, result);
        if (result.isEmpty()) {
          passed = true;
          best = null;
          break;
        }
        if (best == null || result.size() < best.size()) {
          best = result;
        }
      }
      if (!passed) {
        errors.add(composite(GoText.quote(name) + " must validate at least one schema (anyOf)"));
      }
      if (best != null) {
        errors.addAll(best);
      }
    }
    JsonNode oneOf = schema.path("oneOf");
    if (oneOf.size() > 0) {
      List<FieldError> best = null;
      int passed = 0;
      for (JsonNode alternative : oneOf) {
        List<FieldError> result = new ArrayList<>();
        validate(value, null, alternative, name, result);
        if (result.isEmpty()) {
          passed++;
          best = null;
        } else if (passed == 0 && (best == null || result.size() < best.size())) {
          best = result;
        }
      }
      if (passed != 1) {
        String found = passed == 0 ? "Found none valid" : "Found " + passed + " valid alternatives";
        errors.add(
            composite(
                GoText.quote(name) + " must validate one and only one schema (oneOf). " + found));
        if (best != null) {
          errors.addAll(best);
        }
      }
    }
    JsonNode allOf = schema.path("allOf");
    if (allOf.size() > 0) {
      int passed = 0;
      for (JsonNode part : allOf) {
        List<FieldError> result = new ArrayList<>();
        validate(value, null, part, name, result);
        passed += result.isEmpty() ? 1 : 0;
        errors.addAll(result);
      }
      if (passed != allOf.size()) {
        errors.add(
            composite(
                GoText.quote(name)
                    + " must validate all the schemas (allOf)"
                    + (passed == 0 ? ". None validated" : "")));
      }
    }
    JsonNode not = schema.get("not");
    if (not != null && not.isObject()) {
      List<FieldError> result = new ArrayList<>();
      validate(value, null, not, name, result);
      if (result.isEmpty()) {
        errors.add(composite(GoText.quote(name) + " must not validate the schema (not)"));
      }
    }
  }

  /** kube-openapi's composite errors are not field errors: kube files them under no field. */
  private static FieldError composite(String message) {
    return new FieldError(FieldError.NO_FIELD, Type.INVALID, TextNode.valueOf(""), message);
  }

  /** maxLength, minLength, pattern: the first that fails, as kube-openapi's stringValidator. */
  private void checkString(String s, JsonNode schema, String name, List<FieldError> errors) {
    long length = s.codePointCount(0, s.length());
    JsonNode value = TextNode.valueOf(s);
    if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
      long max = schema.get("maxLength").asLong();
      errors.add(
          new FieldError(
              field(name),
              Type.TOO_LONG,
              value,
              "may not be more than " + max + (max == 1 ? " byte" : " bytes")));
      return;
    }
    if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
      errors.add(
          invalid(
              name,
              value,
              "should be at least " + schema.get("minLength").asLong() + " chars long"));
      return;
    }
    String pattern = schema.path("pattern").asText("");
    if (!pattern.isEmpty() && !patterns.find(pattern, s)) {
      errors.add(invalid(name, value, "should match '" + pattern + "'"));
    }
  }

  private void checkFormat(String s, JsonNode schema, String name, List<FieldError> errors) {
    String format = schema.path("format").asText("");
    if (formats.knows(format) && !formats.valid(format, s)) {
      errors.add(
          new FieldError(
              field(name),
              Type.TYPE_INVALID,
              TextNode.valueOf(s),
              name + " in body must be of type " + format + ": " + GoText.quote(s)));
    }
  }

  /**
   * multipleOf, minimum, maximum. Like kube-openapi, an integer value is compared with the bound
   * truncated to an integer, a float value with the bound itself.
   */
  private void checkNumber(JsonNode value, JsonNode schema, String name, List<FieldError> errors) {
    boolean integral = value.isIntegralNumber();
    if (schema.has("multipleOf")) {
      double factor = schema.get("multipleOf").asDouble();
      if (integral && (long) factor != 0) {
        long f = (long) factor;
        if (value.asLong() % f != 0) {
          errors.add(invalid(name, value, "should be a multiple of " + f));
        }
      } else {
        double d = value.asDouble();
        double multiple = factor < 1 ? 1 / factor * d : d / factor;
        if (!isWhole(multiple)) {
          errors.add(invalid(name, value, "should be a multiple of " + GoText.number(factor)));
        }
      }
    }
    if (schema.has("minimum")) {
      double min = schema.get("minimum").asDouble();
      boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
      boolean below =
          integral
              ? compare(value.asLong(), (long) min) < (exclusive ? 1 : 0)
              : Double.compare(value.asDouble(), min) < (exclusive ? 1 : 0);
      if (below) {
        errors.add(
            invalid(
                name,
                value,
                "should be greater than "
                    + (exclusive ? "" : "or equal to ")
                    + (integral ? Long.toString((long) min) : GoText.number(min))));
      }
    }
    if (schema.has("maximum")) {
      double max = schema.get("maximum").asDouble();
      boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
      boolean above =
          integral
              ? compare(value.asLong(), (long) max) > (exclusive ? -1 : 0)
              : Double.compare(value.asDouble(), max) > (exclusive ? -1 : 0);
      if (above) {
        errors.add(
            invalid(
                name,
                value,
                "should be less than "
                    + (exclusive ? "" : "or equal to ")
                    + (integral ? Long.toString((long) max) : GoText.number(max))));
      }
    }
  }

  private static int compare(long a, long b) {
    return Long.compare(a, b);
  }

  /** Items first, then minItems, maxItems, uniqueItems, as kube-openapi's schemaSliceValidator. */
  private void checkArray(
      JsonNode array, JsonNode old, JsonNode schema, String name, List<FieldError> errors) {
    JsonNode items = Keywords.items(schema);
    if (items != null) {
      for (int i = 0; i < array.size(); i++) {
        validate(array.get(i), null, items, FieldPath.index(name, i), errors);
      }
    }
    int size = array.size();
    if (schema.has("minItems") && size < schema.get("minItems").asLong()) {
      errors.add(
          invalid(
              name,
              JSON.numberNode((long) size),
              "should have at least " + schema.get("minItems").asLong() + " items"));
    }
    if (schema.has("maxItems") && size > schema.get("maxItems").asLong()) {
      errors.add(tooMany(name, size, schema.get("maxItems").asLong()));
    }
    if (schema.path("uniqueItems").asBoolean(false) && hasDuplicates(array)) {
      errors.add(invalid(name, TextNode.valueOf(""), "shouldn't contain duplicates"));
    }
  }

  private static boolean hasDuplicates(JsonNode array) {
    for (int i = 0; i < array.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (JsonValues.equal(array.get(i), array.get(j))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void checkEnum(
      JsonNode value, JsonNode schema, String name, List<FieldError> errors) {
    JsonNode allowed = schema.get("enum");
    if (allowed == null || !allowed.isArray() || allowed.isEmpty()) {
      return;
    }
    List<String> supported = new ArrayList<>();
    for (JsonNode candidate : allowed) {
      if (JsonValues.equal(candidate, value)) {
        return;
      }
      supported.add(
          GoText.quote(candidate.isTextual() ? candidate.asText() : candidate.toString()));
    }
    errors.add(
        new FieldError(
            field(name),
            Type.UNSUPPORTED,
            value,
            "supported values: " + String.join(", ", supported)));
  }

  /**
   * minProperties and maxProperties (which end the object's validation), then the values of
   * additionalProperties, then the declared properties, then required.
   */
  private void validateObject(
      JsonNode object,
      JsonNode old,
      JsonNode schema,
      String name,
      List<FieldError> errors,
      boolean root) {
    int count = object.size();
    if (schema.has("minProperties") && count < schema.get("minProperties").asLong()) {
      errors.add(
          invalid(
              name,
              JSON.numberNode((long) count),
              "should have at least " + schema.get("minProperties").asLong() + " properties"));
      return;
    }
    if (schema.has("maxProperties") && count > schema.get("maxProperties").asLong()) {
      errors.add(tooMany(name, count, schema.get("maxProperties").asLong()));
      return;
    }
    JsonNode additional = Keywords.additionalProperties(schema);
    JsonNode properties = schema.path("properties");
    if (additional != null) {
      object
          .fields()
          .forEachRemaining(
              entry -> {
                if (!properties.has(entry.getKey())) {
                  validate(
                      entry.getValue(),
                      child(old, entry.getKey()),
                      additional,
                      name + "." + entry.getKey(),
                      errors);
                }
              });
    }
    properties
        .fields()
        .forEachRemaining(
            property -> {
              String key = property.getKey();
              JsonNode value = object.get(key);
              if (value != null && !(root && key.equals("metadata"))) {
                validate(
                    value,
                    child(old, key),
                    property.getValue(),
                    FieldPath.child(name, key),
                    errors);
              }
            });
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        errors.add(new FieldError(field(name + "." + required.asText()), Type.REQUIRED, null, ""));
      }
    }
    if (!root && Keywords.embeddedResource(schema)) {
      for (String meta : List.of("apiVersion", "kind")) {
        if (object.path(meta).asText("").isEmpty()) {
          errors.add(
              new FieldError(field(name + "." + meta), Type.REQUIRED, null, "must not be empty"));
        }
      }
    }
  }

  private static JsonNode child(JsonNode old, String key) {
    return old == null || !old.isObject() ? null : old.get(key);
  }

  private static FieldError invalid(String name, JsonNode value, String should) {
    return new FieldError(field(name), Type.INVALID, value, name + " in body " + should);
  }

  private static FieldError tooMany(String name, long actual, long max) {
    return new FieldError(
        field(name),
        Type.TOO_MANY,
        JSON.numberNode(actual),
        "must have at most " + max + (max == 1 ? " item" : " items"));
  }

  /** kube-openapi names become field paths once a leading dot (of root-level keys) is trimmed. */
  private static String field(String name) {
    String trimmed = name.startsWith(".") ? name.substring(1) : name;
    return FieldPath.field(trimmed);
  }

  static String jsonType(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isArray()) {
      return "array";
    }
    return value.isObject() ? "object" : "null";
  }

  /** swag.IsFloat64AJSONInteger: a float that is an integer, give or take rounding. */
  static boolean isWhole(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return false;
    }
    double rounded = Math.rint(d);
    return d == rounded
        || Math.abs(d - rounded) / Math.max(Math.abs(d) + Math.abs(rounded), Double.MIN_NORMAL)
            < 1e-9;
  }

  /** Patterns compiled once each, with RE2 (re2j) as Go's regexp in kube-openapi. */
  private static final class PatternCache {
    private final Map<String, Pattern> compiled = new ConcurrentHashMap<>();

    boolean find(String pattern, String s) {
      return compiled.computeIfAbsent(pattern, Pattern::compile).matcher(s).find();
    }
  }
}
