package dev.onair.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the API server would say about an object of one OnAir kind: the committed CRD's
 * openAPIV3Schema (types, required, enums, bounds, patterns, unknown fields as kubectl's strict
 * field validation rejects them) and its x-kubernetes-validations CEL rules, evaluated with
 * cel-java.
 */
final class CrdSchema {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Cel CEL =
      CelFactory.standardCelBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .build();

  private final JsonNode openApiSchema;
  private final JsonSchema validator;

  private CrdSchema(JsonNode openApiSchema) {
    this.openApiSchema = openApiSchema;
    ObjectNode strict = (ObjectNode) strict(openApiSchema.deepCopy());
    // The API server adds these to every kind's schema.
    ObjectNode properties = (ObjectNode) strict.path("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.putObject("metadata").put("type", "object");
    this.validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict);
  }

  /** The committed CRDs by kind (LiveStream, Endpoint, Restream). */
  static Map<String, CrdSchema> committed() {
    Map<String, CrdSchema> byKind = new HashMap<>();
    try (Stream<Path> files = Files.list(RepoFiles.crds())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        JsonNode crd = YAML.readTree(file.toFile());
        String kind = crd.path("spec").path("names").path("kind").asText();
        JsonNode schema = crd.path("spec").path("versions").get(0).path("schema");
        byKind.put(kind, new CrdSchema(schema.path("openAPIV3Schema")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byKind;
  }

  /** Every reason the API server would refuse {@code object}; empty when it would accept it. */
  List<String> problems(JsonNode object) {
    List<String> problems = new ArrayList<>();
    for (ValidationMessage m : validator.validate(object)) {
      problems.add("schema: " + m.getMessage());
    }
    if (problems.isEmpty()) {
      evaluateRules(openApiSchema, object, "", problems);
    }
    return problems;
  }

  /**
   * Kubernetes prunes or (kubectl --validate=strict, the default) rejects unknown fields. The
   * x-kubernetes-* extensions are checked by {@link #evaluateRules}, not by the JSON Schema
   * library.
   */
  private static JsonNode strict(JsonNode schema) {
    if (schema.isObject()) {
      ObjectNode o = (ObjectNode) schema;
      o.remove(List.of("x-kubernetes-validations", "x-kubernetes-int-or-string"));
      if (o.has("properties")
          && !o.has("additionalProperties")
          && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        o.put("additionalProperties", false);
      }
      o.elements().forEachRemaining(CrdSchema::strict);
    } else if (schema.isArray()) {
      schema.elements().forEachRemaining(CrdSchema::strict);
    }
    return schema;
  }

  private static void evaluateRules(
      JsonNode schema, JsonNode value, String path, List<String> problems) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      String expression = rule.path("rule").asText();
      String message = rule.path("message").asText(expression);
      if (!Boolean.TRUE.equals(evaluate(expression, value))) {
        problems.add("cel: " + (path.isEmpty() ? "<root>" : path) + ": " + message);
      }
    }
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        var field = it.next();
        JsonNode sub = properties.has(field.getKey()) ? properties.get(field.getKey()) : additional;
        if (sub.isObject()) {
          evaluateRules(sub, field.getValue(), path + "." + field.getKey(), problems);
        }
      }
    } else if (value.isArray() && schema.path("items").isObject()) {
      for (int i = 0; i < value.size(); i++) {
        evaluateRules(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
      }
    }
  }

  /** Evaluates one rule with {@code self} bound; an evaluation error counts as a refusal. */
  static Object evaluate(String expression, JsonNode self) {
    try {
      var ast = CEL.compile(expression).getAst();
      return CEL.createProgram(ast).eval(Map.of("self", toCel(self)));
    } catch (CelValidationException e) {
      throw new IllegalStateException("CEL rule does not compile: " + expression, e);
    } catch (CelEvaluationException e) {
      return e;
    }
  }

  /** JSON to the values CEL expects: maps, lists, int64, double, string, bool. */
  private static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.elements().forEachRemaining(e -> list.add(toCel(e)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
