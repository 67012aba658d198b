package dev.onair.apiserver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.auth.AccessRequest;
import dev.onair.apiserver.auth.User;

/**
 * A refusal in kube-apiserver's shape: the HTTP code and the {@code Status} object kubectl and
 * client libraries read the reason and message from.
 */
public final class ApiException extends RuntimeException {
  private final int code;
  private final transient ObjectNode status;

  public ApiException(ObjectNode status) {
    super(status.path("message").asText());
    this.code = status.path("code").asInt(500);
    this.status = status;
  }

  public int code() {
    return code;
  }

  public ObjectNode status() {
    return status;
  }

  /** A {@code Status} with {@code reason} and {@code message}; {@code details} may be null. */
  public static ObjectNode status(int code, String reason, String message, ObjectNode details) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("kind", "Status").put("apiVersion", "v1");
    s.putObject("metadata");
    s.put("status", code < 400 ? "Success" : "Failure");
    s.put("message", message);
    s.put("reason", reason);
    if (details != null) {
      s.set("details", details);
    }
    s.put("code", code);
    return s;
  }

  private static ObjectNode details(ResourceType type, String name) {
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    if (name != null) {
      d.put("name", name);
    }
    if (!type.group().isEmpty()) {
      d.put("group", type.group());
    }
    d.put("kind", type.plural());
    return d;
  }

  public static ApiException notFound(ResourceType type, String name) {
    return new ApiException(
        status(
            404,
            "NotFound",
            type.qualifiedPlural() + " \"" + name + "\" not found",
            details(type, name)));
  }

  public static ApiException namespaceNotFound(String namespace) {
    ObjectNode d =
        JsonNodeFactory.instance.objectNode().put("name", namespace).put("kind", "namespaces");
    return new ApiException(
        status(404, "NotFound", "namespaces \"" + namespace + "\" not found", d));
  }

  public static ApiException alreadyExists(ResourceType type, String name) {
    return new ApiException(
        status(
            409,
            "AlreadyExists",
            type.qualifiedPlural() + " \"" + name + "\" already exists",
            details(type, name)));
  }

  public static ApiException conflict(ResourceType type, String name, String why) {
    return new ApiException(
        status(
            409,
            "Conflict",
            "Operation cannot be fulfilled on "
                + type.qualifiedPlural()
                + " \""
                + name
                + "\": "
                + why,
            details(type, name)));
  }

  /** The resourceVersion precondition failed, in kube-apiserver's words. */
  public static ApiException modified(ResourceType type, String name) {
    return conflict(
        type,
        name,
        "the object has been modified; please apply your changes to the latest version and try"
            + " again");
  }

  public static ApiException badRequest(String message) {
    return new ApiException(status(400, "BadRequest", message, null));
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(status(405, "MethodNotAllowed", message, null));
  }

  public static ApiException unsupportedMediaType(String message) {
    return new ApiException(status(415, "UnsupportedMediaType", message, null));
  }

  public static ApiException gone(String message) {
    return new ApiException(status(410, "Expired", message, null));
  }

  public static ApiException pathNotFound() {
    return new ApiException(
        status(404, "NotFound", "the server could not find the requested resource", null));
  }

  /** A bearer token no one registered, in kube-apiserver's words. */
  public static ApiException unauthorized() {
    return new ApiException(status(401, "Unauthorized", "Unauthorized", null));
  }

  /**
   * RBAC's refusal as kube-apiserver sends it: {@code pods is forbidden: User "alice" cannot list
   * resource "pods" in API group "" in the namespace "b"}, then RBAC's reason when it has one.
   */
  public static ApiException forbidden(AccessRequest request, User user, String reason) {
    String why = request.refusal(user) + (reason.isEmpty() ? "" : ": " + reason);
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    if (!request.resourceRequest()) {
      return new ApiException(status(403, "Forbidden", "forbidden: " + why, d));
    }
    String resource =
        request.group().isEmpty() ? request.resource() : request.resource() + "." + request.group();
    if (!request.name().isEmpty()) {
      d.put("name", request.name());
    }
    if (!request.group().isEmpty()) {
      d.put("group", request.group());
    }
    d.put("kind", request.resource());
    String subject = request.name().isEmpty() ? resource : resource + " \"" + request.name() + "\"";
    return new ApiException(status(403, "Forbidden", subject + " is forbidden: " + why, d));
  }
}
