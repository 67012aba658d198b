package dev.onair.apiserver.auth;

/**
 * What a request asks to do, as kube-apiserver's {@code authorizer.Attributes} and a
 * SubjectAccessReview's {@code resourceAttributes} or {@code nonResourceAttributes} describe it.
 * Absent parts are empty strings; {@code path} is set only for non-resource requests.
 */
public record AccessRequest(
    boolean resourceRequest,
    String verb,
    String group,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {

  public AccessRequest {
    verb = orEmpty(verb);
    group = orEmpty(group);
    resource = orEmpty(resource);
    subresource = orEmpty(subresource);
    namespace = orEmpty(namespace);
    name = orEmpty(name);
    path = orEmpty(path);
  }

  /** A request on objects: {@code list pods in namespace b}, {@code get pods/log x in b}. */
  public static AccessRequest resource(
      String verb,
      String group,
      String resource,
      String subresource,
      String namespace,
      String name) {
    return new AccessRequest(true, verb, group, resource, subresource, namespace, name, "");
  }

  /** A request on a path that names no object: {@code get /apis}, {@code get /healthz}. */
  public static AccessRequest nonResource(String verb, String path) {
    return new AccessRequest(false, verb, "", "", "", "", "", path);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /**
   * kube-apiserver's words for a refusal: {@code User "alice" cannot list resource "pods" in API
   * group "" in the namespace "b"}.
   */
  public String refusal(User user) {
    if (!resourceRequest) {
      return "User \"%s\" cannot %s path \"%s\"".formatted(user.name(), verb, path);
    }
    String what = subresource.isEmpty() ? resource : resource + "/" + subresource;
    String scope =
        namespace.isEmpty() ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
    return "User \"%s\" cannot %s resource \"%s\" in API group \"%s\" %s"
        .formatted(user.name(), verb, what, group, scope);
  }
}
