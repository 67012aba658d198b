package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;

/**
 * One compiled x-kubernetes-validations entry: the rule, its message or messageExpression, and
 * where and how its failure is reported (fieldPath, reason).
 */
record Rule(
    String rule,
    String message,
    String messageExpressionSource,
    String fieldPath,
    String reason,
    boolean optionalOldSelf,
    boolean usesOldSelf,
    CelRuntime.Program program,
    CelRuntime.Program messageExpression) {

  /** Compiles {@code entry}; a rule that does not compile refuses the whole schema, as kube. */
  static Rule compile(JsonNode entry, String schemaPath) {
    String rule = entry.path("rule").asText("");
    boolean optionalOldSelf = entry.path("optionalOldSelf").asBoolean(false);
    Cel cel = optionalOldSelf ? CelEnvironment.OPTIONAL_OLD_SELF_RULES : CelEnvironment.RULES;
    try {
      CelAbstractSyntaxTree ast = cel.compile(rule).getAst();
      boolean usesOldSelf =
          ast.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("oldSelf"));
      String messageSource = entry.path("messageExpression").asText("");
      CelRuntime.Program message =
          messageSource.isEmpty() ? null : cel.createProgram(cel.compile(messageSource).getAst());
      return new Rule(
          rule,
          entry.path("message").asText("").trim(),
          messageSource,
          entry.path("fieldPath").asText(""),
          entry.path("reason").asText(""),
          optionalOldSelf,
          usesOldSelf,
          cel.createProgram(ast),
          message);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException(
          "x-kubernetes-validations rule of "
              + (schemaPath.isEmpty() ? "the root" : schemaPath)
              + " does not compile: "
              + rule
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** ruleMessageOrDefault: the message, or {@code failed rule: <rule>}. */
  String messageOrDefault() {
    return message.isEmpty() ? "failed rule: " + rule.trim() : message;
  }

  /** ruleErrorString: the message, or the rule. */
  String errorString() {
    return message.isEmpty() ? rule.trim() : message;
  }
}
