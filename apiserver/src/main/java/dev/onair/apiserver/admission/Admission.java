package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.ResourceType;
import dev.onair.apiserver.admission.FieldError.Type;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * kube-apiserver's admission of custom resources of one CRD version: structural pruning, OpenAPI v3
 * schema validation, list-type uniqueness and the x-kubernetes-validations CEL rules, with kube's
 * messages. The rules are compiled once, here.
 */
public final class Admission {
  /** Schema errors after which kube runs no CEL rule (hasBlockingErr in the CR strategy). */
  private static final Set<Type> BLOCKING =
      EnumSet.of(Type.UNSUPPORTED, Type.REQUIRED, Type.TOO_LONG, Type.TOO_MANY, Type.TYPE_INVALID);

  private final Pruner pruner;
  private final OpenApiValidator schema;
  private final ListTypeValidator lists;
  private final RuleValidator rules;

  private Admission(JsonNode openApiV3Schema) {
    JsonNode root =
        openApiV3Schema == null ? JsonNodeFactory.instance.objectNode() : openApiV3Schema;
    this.pruner = new Pruner(root);
    this.schema = new OpenApiValidator(root);
    this.lists = new ListTypeValidator(root);
    this.rules = new RuleValidator(root);
  }

  /**
   * The admission of objects of {@code type}, whose schema is one CRD version's openAPIV3Schema.
   *
   * @throws IllegalArgumentException if a CEL rule of the schema does not compile
   */
  public static Admission of(ResourceType type) {
    return of(type.schema());
  }

  /** The admission of objects of one openAPIV3Schema. */
  public static Admission of(JsonNode openApiV3Schema) {
    return new Admission(openApiV3Schema);
  }

  /**
   * Removes, in place, every field the schema does not know (apiVersion, kind and metadata stay at
   * the root and in embedded resources, x-kubernetes-preserve-unknown-fields keeps a subtree) and
   * nulls the schema does not allow. Returns the removed paths as kube's {@code unknown field}
   * warnings name them: {@code spec.foo}, {@code spec.outputs[0].bar}.
   */
  public List<String> prune(ObjectNode object) {
    return pruner.prune(object);
  }

  /**
   * Every reason kube-apiserver would refuse {@code object} (metadata aside), in kube's order:
   * schema errors, list-type duplicates, then the CEL rules, which do not run at all once a type,
   * required, enum, length or count error was found. {@code old} is null on create; on update it
   * binds oldSelf and lets unchanged invalid values through, as validation ratcheting does.
   */
  public List<FieldError> validate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(schema.validate(object, old));
    errors.addAll(lists.validate(object));
    if (rules.hasRules()) {
      if (errors.stream().anyMatch(e -> BLOCKING.contains(e.type()))) {
        errors.add(
            new FieldError(
                FieldError.NO_FIELD,
                Type.INVALID,
                null,
                "some validation rules were not checked because the object was invalid; correct"
                    + " the existing errors to complete validation"));
      } else {
        errors.addAll(rules.validate(object, old));
      }
    }
    return errors;
  }

  /**
   * The 422 Status kube-apiserver answers with for {@code errors} of the object {@code name}, as
   * apimachinery's errors.NewInvalid builds it.
   */
  public static ObjectNode invalidStatus(ResourceType type, String name, List<FieldError> errors) {
    return InvalidStatus.of(type.group(), type.kind(), name, errors);
  }
}
