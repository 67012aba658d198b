package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.onair.apiserver.admission.Admission;
import dev.onair.apiserver.admission.FieldError;
import dev.onair.apiserver.auth.AccessRequest;
import dev.onair.apiserver.auth.Decision;
import dev.onair.apiserver.auth.Rbac;
import dev.onair.apiserver.auth.Tokens;
import dev.onair.apiserver.auth.User;
import java.util.ArrayList;
import java.util.List;

/**
 * The review kinds, which are asked rather than stored: TokenReview and SelfSubjectReview ({@code
 * authentication.k8s.io/v1}), SubjectAccessReview, LocalSubjectAccessReview,
 * SelfSubjectAccessReview and SelfSubjectRulesReview ({@code authorization.k8s.io/v1}). Each create
 * answers the posted object with its {@code status} filled in, as kube-apiserver does.
 */
final class AuthApi {
  static final String AUTHENTICATION = "authentication.k8s.io";
  static final String AUTHORIZATION = "authorization.k8s.io";

  private final Registry registry;
  private final Tokens tokens;
  private final Rbac rbac;

  AuthApi(Registry registry, Tokens tokens, Rbac rbac) {
    this.registry = registry;
    this.tokens = tokens;
    this.rbac = rbac;
  }

  static boolean serves(Target target) {
    return target.group().equals(AUTHENTICATION) || target.group().equals(AUTHORIZATION);
  }

  Reply handle(Target target, Call call, User caller) {
    ResourceType type =
        registry
            .find(target.group(), target.version(), target.plural())
            .orElseThrow(ApiException::pathNotFound);
    if (!type.namespaced() && target.namespace() != null) {
      throw ApiException.pathNotFound();
    }
    if (!call.method().equals("POST") || !target.isCollection() || target.subresource() != null) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
    ObjectNode review =
        ReviewProtobuf.sentAsProtobuf(call)
            ? ReviewProtobuf.decode(call.body(), type.kind())
            : Json.object(call.body(), false);
    review.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    Json.metadata(review);
    ObjectNode spec = review.with("spec");
    ObjectNode status =
        switch (type.plural()) {
          case "tokenreviews" -> tokenReview(spec);
          case "selfsubjectreviews" -> selfSubjectReview(caller);
          case "subjectaccessreviews" -> subjectAccessReview(type, spec, null);
          case "localsubjectaccessreviews" -> subjectAccessReview(type, spec, target.namespace());
          case "selfsubjectaccessreviews" -> selfSubjectAccessReview(type, spec, caller);
          case "selfsubjectrulesreviews" -> rulesReview(spec, caller);
          default -> throw ApiException.pathNotFound();
        };
    review.set("status", status);
    return new Reply.Document(201, review);
  }

  private ObjectNode tokenReview(JsonNode spec) {
    String token = spec.path("token").asText("");
    if (token.isEmpty()) {
      throw ApiException.badRequest("token is required for TokenReview in authentication");
    }
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    var user = tokens.authenticate(token);
    if (user.isEmpty()) {
      // kube omits "authenticated": false (omitempty) and keeps an empty user
      status.putObject("user");
      status.put("error", "invalid bearer token");
      return status;
    }
    status.put("authenticated", true);
    status.set("user", userInfo(user.get()));
    if (spec.path("audiences").isArray() && !spec.path("audiences").isEmpty()) {
      status.set("audiences", spec.path("audiences").deepCopy());
    }
    return status;
  }

  private static ObjectNode selfSubjectReview(User caller) {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.set("userInfo", userInfo(caller));
    return status;
  }

  private static ObjectNode userInfo(User user) {
    ObjectNode info = JsonNodeFactory.instance.objectNode();
    info.put("username", user.name());
    if (!user.uid().isEmpty()) {
      info.put("uid", user.uid());
    }
    ArrayNode groups = info.putArray("groups");
    user.groups().forEach(groups::add);
    return info;
  }

  private ObjectNode subjectAccessReview(ResourceType type, JsonNode spec, String namespace) {
    List<FieldError> errors = attributeErrors(spec);
    List<String> groups = new ArrayList<>();
    spec.path("groups").forEach(g -> groups.add(g.asText()));
    String user = spec.path("user").asText("");
    if (user.isEmpty() && groups.isEmpty()) {
      errors.add(
          new FieldError(
              "spec.user",
              FieldError.Type.INVALID,
              TextNode.valueOf(user),
              "at least one of user or group must be specified"));
    }
    if (namespace != null) {
      if (spec.has("nonResourceAttributes")) {
        errors.add(
            new FieldError(
                "spec.nonResourceAttributes",
                FieldError.Type.INVALID,
                spec.path("nonResourceAttributes"),
                "disallowed on this kind of request"));
      }
      String asked = spec.path("resourceAttributes").path("namespace").asText("");
      if (!asked.equals(namespace)) {
        throw ApiException.badRequest(
            "spec.resourceAttributes.namespace must match namespace: " + namespace);
      }
    }
    refuseInvalid(type, errors);
    return decision(new User(user, spec.path("uid").asText(""), groups), spec);
  }

  private ObjectNode selfSubjectAccessReview(ResourceType type, JsonNode spec, User caller) {
    refuseInvalid(type, attributeErrors(spec));
    return decision(caller, spec);
  }

  private ObjectNode decision(User user, JsonNode spec) {
    Decision d = rbac.authorize(user, attributes(spec));
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("allowed", d.allowed());
    if (!d.reason().isEmpty()) {
      status.put("reason", d.reason());
    }
    return status;
  }

  private static AccessRequest attributes(JsonNode spec) {
    JsonNode r = spec.path("resourceAttributes");
    if (r.isObject()) {
      return AccessRequest.resource(
          r.path("verb").asText(""),
          r.path("group").asText(""),
          r.path("resource").asText(""),
          r.path("subresource").asText(""),
          r.path("namespace").asText(""),
          r.path("name").asText(""));
    }
    JsonNode n = spec.path("nonResourceAttributes");
    return AccessRequest.nonResource(n.path("verb").asText(""), n.path("path").asText(""));
  }

  /** Exactly one of resourceAttributes and nonResourceAttributes, as kube validates it. */
  private static List<FieldError> attributeErrors(JsonNode spec) {
    List<FieldError> errors = new ArrayList<>();
    boolean resource = spec.path("resourceAttributes").isObject();
    boolean nonResource = spec.path("nonResourceAttributes").isObject();
    if (resource && nonResource) {
      errors.add(
          new FieldError(
              "spec.nonResourceAttributes",
              FieldError.Type.INVALID,
              spec.path("nonResourceAttributes"),
              "cannot be specified in combination with resourceAttributes"));
    }
    if (!resource && !nonResource) {
      errors.add(
          new FieldError(
              "spec.resourceAttributes",
              FieldError.Type.INVALID,
              JsonNodeFactory.instance.nullNode(),
              "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
    }
    return errors;
  }

  private static void refuseInvalid(ResourceType type, List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ApiException(Admission.invalidStatus(type, "", errors));
    }
  }

  /** The rules that hold for the caller in {@code spec.namespace}, as {@code can-i --list}. */
  private ObjectNode rulesReview(JsonNode spec, User caller) {
    String namespace = spec.path("namespace").asText("");
    if (namespace.isEmpty()) {
      throw ApiException.badRequest("no namespace on request");
    }
    Rbac.Rules rules = rbac.rulesFor(caller, namespace);
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    ArrayNode resourceRules = status.putArray("resourceRules");
    ArrayNode nonResourceRules = status.putArray("nonResourceRules");
    for (JsonNode rule : rules.rules()) {
      if (rule.has("nonResourceURLs")) {
        ObjectNode r = nonResourceRules.addObject();
        r.set("verbs", rule.path("verbs").deepCopy());
        r.set("nonResourceURLs", rule.path("nonResourceURLs").deepCopy());
      } else {
        ObjectNode r = resourceRules.addObject();
        r.set("verbs", rule.path("verbs").deepCopy());
        for (String field : List.of("apiGroups", "resources", "resourceNames")) {
          if (!rule.path(field).isEmpty()) {
            r.set(field, rule.path(field).deepCopy());
          }
        }
      }
    }
    status.put("incomplete", !rules.evaluationError().isEmpty());
    if (!rules.evaluationError().isEmpty()) {
      status.put("evaluationError", rules.evaluationError());
    }
    return status;
  }
}
