package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.onair.apiserver.admission.FieldError.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates every x-kubernetes-validations rule where its value is present, as
 * apiextensions-apiserver's cel.Validator does: self bound to the value, oldSelf to the correlated
 * old value on updates (transition rules are skipped without one), errors reported at the node's
 * path (plus fieldPath) with the schema type as bad value, and, on updates, failures of unchanged
 * values without oldSelf let through (validation ratcheting).
 */
final class RuleValidator {
  private static final Pattern MISSING_KEY = Pattern.compile("key '(.*)' is not present in map");
  private static final Pattern CEL_JAVA_PREFIX =
      Pattern.compile("^evaluation error at [^:]*:\\d+: ");

  private final JsonNode root;
  private final Map<JsonNode, List<Rule>> rules = new IdentityHashMap<>();

  RuleValidator(JsonNode root) {
    this.root = root;
    compile(root, "");
  }

  boolean hasRules() {
    return !rules.isEmpty();
  }

  private void compile(JsonNode schema, String path) {
    if (schema == null || !schema.isObject()) {
      return;
    }
    List<Rule> compiled = new ArrayList<>();
    for (JsonNode entry : schema.path("x-kubernetes-validations")) {
      compiled.add(Rule.compile(entry, path));
    }
    if (!compiled.isEmpty()) {
      rules.put(schema, compiled);
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> compile(p.getValue(), FieldPath.child(path, p.getKey())));
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      compile(additional, FieldPath.child(path, "additionalProperties"));
    }
    compile(Keywords.items(schema), FieldPath.child(path, "items"));
    for (JsonNode part : schema.path("allOf")) {
      compile(part, path);
    }
  }

  List<FieldError> validate(JsonNode object, JsonNode old) {
    List<FieldError> errors = new ArrayList<>();
    walk(object, old, root, "", true, false, errors);
    return errors;
  }

  private void walk(
      JsonNode value,
      JsonNode old,
      JsonNode schema,
      String path,
      boolean resource,
      boolean parentUnchanged,
      List<FieldError> errors) {
    if (value == null || value.isNull() || schema == null) {
      return;
    }
    boolean unchanged = old != null ? JsonValues.equal(old, value) : parentUnchanged;
    evaluate(rules.get(schema), value, old, schema, path, resource, unchanged, errors);
    for (JsonNode part : schema.path("allOf")) {
      evaluate(rules.get(part), value, old, schema, path, resource, unchanged, errors);
    }
    if (value.isArray()) {
      JsonNode items = Keywords.items(schema);
      ListCorrelation correlation = new ListCorrelation(schema, old);
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        boolean embedded = items != null && Keywords.embeddedResource(items);
        walk(
            item,
            correlation.old(item),
            items,
            FieldPath.index(path, i),
            embedded,
            unchanged,
            errors);
      }
    } else if (value.isObject()) {
      boolean correlatable = !schema.path("x-kubernetes-map-type").asText("").equals("atomic");
      JsonNode additional = Keywords.additionalProperties(schema);
      value
          .fields()
          .forEachRemaining(
              entry -> {
                String key = entry.getKey();
                JsonNode oldChild =
                    correlatable && old != null && old.isObject() ? old.get(key) : null;
                JsonNode property = Keywords.property(schema, key);
                if (property != null) {
                  walk(
                      entry.getValue(),
                      oldChild,
                      property,
                      FieldPath.child(path, key),
                      Keywords.embeddedResource(property),
                      unchanged,
                      errors);
                } else if (additional != null) {
                  walk(
                      entry.getValue(),
                      oldChild,
                      additional,
                      FieldPath.key(path, key),
                      Keywords.embeddedResource(additional),
                      unchanged,
                      errors);
                }
              });
    }
  }

  private void evaluate(
      List<Rule> nodeRules,
      JsonNode value,
      JsonNode old,
      JsonNode schema,
      String path,
      boolean resource,
      boolean unchanged,
      List<FieldError> errors) {
    if (nodeRules == null) {
      return;
    }
    Supplier<Object> self = memo(() -> CelValues.of(value, schema, resource));
    Supplier<Object> oldSelf = memo(() -> old == null ? null : CelValues.of(old, schema, resource));
    String type = Keywords.type(schema);
    for (Rule rule : nodeRules) {
      if (rule.usesOldSelf() && old == null && !rule.optionalOldSelf()) {
        continue;
      }
      Map<String, Object> variables = new HashMap<>();
      variables.put("self", self.get());
      if (rule.usesOldSelf()) {
        variables.put(
            "oldSelf", rule.optionalOldSelf() ? Optional.ofNullable(oldSelf.get()) : oldSelf.get());
      }
      Object result;
      try {
        result = rule.program().eval(variables);
      } catch (CelEvaluationException e) {
        errors.add(evaluationError(FieldPath.field(path), type, rule, e));
        continue;
      }
      if (Boolean.TRUE.equals(result) || !rule.usesOldSelf() && unchanged) {
        continue;
      }
      String field =
          FieldPath.field(
              rule.fieldPath().isEmpty()
                  ? path
                  : FieldPath.child(path, normalized(rule.fieldPath(), schema)));
      errors.add(failure(field, type, rule, message(rule, variables)));
    }
  }

  /** messageExpression when it evaluates to a usable string, else the message or the default. */
  private static String message(Rule rule, Map<String, Object> variables) {
    if (rule.messageExpression() != null) {
      try {
        Object message = rule.messageExpression().eval(variables);
        if (message instanceof String s && !s.trim().isEmpty() && !s.contains("\n")) {
          return s.trim();
        }
      } catch (CelEvaluationException e) {
        // kube logs the failure and falls back to the rule's message, so do we
      }
    }
    return rule.messageOrDefault();
  }

  /** fieldErrorForReason: Invalid unless the rule names another reason. */
  private static FieldError failure(String field, String type, Rule rule, String detail) {
    JsonNode badValue = TextNode.valueOf(type);
    return switch (rule.reason()) {
      case "FieldValueForbidden" -> new FieldError(field, Type.FORBIDDEN, null, detail);
      case "FieldValueRequired" -> new FieldError(field, Type.REQUIRED, null, detail);
      case "FieldValueDuplicate" -> new FieldError(field, Type.DUPLICATE, badValue, "");
      default -> new FieldError(field, Type.INVALID, badValue, detail);
    };
  }

  /** A rule that cannot be evaluated fails, worded as cel-go's errors are in kube's messages. */
  private static FieldError evaluationError(
      String field, String type, Rule rule, CelEvaluationException e) {
    String cause = celGoWording(e);
    String detail =
        cause.startsWith("no such overload")
            ? "'"
                + cause
                + "': call arguments did not match a supported operator, function or macro signature for rule: "
                + rule.errorString()
            : cause + " evaluating rule: " + rule.errorString();
    return new FieldError(field, Type.INVALID, TextNode.valueOf(type), detail);
  }

  static String celGoWording(CelEvaluationException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    CelErrorCode code = e.getErrorCode();
    if (code == CelErrorCode.ATTRIBUTE_NOT_FOUND) {
      Matcher m = MISSING_KEY.matcher(message);
      return m.find() ? "no such key: " + m.group(1) : "no such key";
    }
    if (code == CelErrorCode.OVERLOAD_NOT_FOUND || message.contains("no such overload")) {
      return "no such overload";
    }
    if (code == CelErrorCode.DIVIDE_BY_ZERO) {
      return message.contains("%") || message.contains("modulo")
          ? "modulus by zero"
          : "division by zero";
    }
    if (code == CelErrorCode.NUMERIC_OVERFLOW) {
      return "integer overflow";
    }
    String cause = CEL_JAVA_PREFIX.matcher(message).replaceFirst("");
    if (code == CelErrorCode.INDEX_OUT_OF_BOUNDS) {
      return cause.replaceFirst("^Index out of bounds: (\\d+)", "index out of bounds: $1");
    }
    return cause.endsWith(".") ? cause.substring(0, cause.length() - 1) : cause;
  }

  /**
   * A rule's fieldPath (.a.b, ['a.b'], .map['key']) as kube normalises it: declared properties as
   * children, keys of maps in brackets.
   */
  static String normalized(String fieldPath, JsonNode schema) {
    StringBuilder out = new StringBuilder();
    JsonNode current = schema;
    Matcher token =
        Pattern.compile("\\.([^.\\[]+)|\\['((?:[^'\\\\]|\\\\.)*)'\\]").matcher(fieldPath);
    while (token.find()) {
      String name =
          token.group(1) != null ? token.group(1) : token.group(2).replaceAll("\\\\(.)", "$1");
      JsonNode property = current == null ? null : Keywords.property(current, name);
      if (property != null || current == null || !current.has("additionalProperties")) {
        out.append(out.length() == 0 ? name : "." + name);
        current = property;
      } else {
        out.append("[").append(name).append("]");
        current = Keywords.additionalProperties(current);
      }
    }
    return out.toString();
  }

  private static <T> Supplier<T> memo(Supplier<T> supplier) {
    return new Supplier<>() {
      private boolean done;
      private T value;

      @Override
      public T get() {
        if (!done) {
          value = supplier.get();
          done = true;
        }
        return value;
      }
    };
  }

  /**
   * Items of x-kubernetes-list-type map correlate with the old item of the same keys; others do
   * not.
   */
  private static final class ListCorrelation {
    private final List<String> keys;
    private final JsonNode old;

    ListCorrelation(JsonNode schema, JsonNode old) {
      boolean map = Keywords.listType(schema).equals("map");
      this.keys = map ? Keywords.listMapKeys(schema) : List.of();
      this.old = map && old != null && old.isArray() ? old : null;
    }

    JsonNode old(JsonNode item) {
      if (old == null || !item.isObject()) {
        return null;
      }
      for (JsonNode candidate : old) {
        if (candidate.isObject()
            && keys.stream().allMatch(k -> JsonValues.equal(candidate.get(k), item.get(k)))) {
          return candidate;
        }
      }
      return null;
    }
  }
}
