package dev.onair.apiserver;

import dev.onair.apiserver.auth.AccessRequest;
import dev.onair.apiserver.auth.Decision;
import dev.onair.apiserver.auth.Rbac;
import dev.onair.apiserver.auth.Tokens;
import dev.onair.apiserver.auth.User;
import java.util.Locale;
import java.util.Optional;

/**
 * kube-apiserver's authentication and authorization filters, in front of every handler. A request
 * with a registered bearer token is made as its user and must pass RBAC (403 otherwise); one with
 * an unknown token is refused with 401. A request with no bearer token is made as {@link
 * User#ADMIN}: the stand-in stays open so tests, the sandbox and kubectl without credentials work
 * as before, where a real cluster would answer {@code system:anonymous}.
 */
final class AuthFilter {
  private static final String BEARER = "bearer ";

  private final Tokens tokens;
  private final Rbac rbac;

  AuthFilter(Tokens tokens, Rbac rbac) {
    this.tokens = tokens;
    this.rbac = rbac;
  }

  /** The caller; {@link User#ADMIN} without a token; 401 for a token no one registered. */
  User authenticate(Call call) {
    Optional<String> token = bearerToken(call);
    if (token.isEmpty()) {
      return User.ADMIN;
    }
    return tokens.authenticate(token.get()).orElseThrow(ApiException::unauthorized);
  }

  /** Refuses with kube's 403 what RBAC does not allow {@code user} to do. */
  void authorize(User user, Call call) {
    if (user.inGroup(User.MASTERS)) {
      return; // the privileged group: no RBAC read, so token-less requests cost nothing more
    }
    AccessRequest request = attributesOf(call);
    Decision decision = rbac.authorize(user, request);
    if (!decision.allowed()) {
      throw ApiException.forbidden(request, user, decision.reason());
    }
  }

  private static Optional<String> bearerToken(Call call) {
    String header = call.header("authorization").trim();
    if (header.length() <= BEARER.length()
        || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Optional.empty();
    }
    String token = header.substring(BEARER.length()).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /**
   * What the request asks to do, as kube's RequestInfoFactory reads it: a verb from the method
   * (get, list, watch, create, update, patch, delete, deletecollection) and the object from the
   * path; paths naming no object (discovery, /version, /healthz) are non-resource requests whose
   * verb is the lower-case method.
   */
  static AccessRequest attributesOf(Call call) {
    Optional<Target> parsed = Target.parse(call.path());
    if (parsed.isEmpty()) {
      return AccessRequest.nonResource(call.method().toLowerCase(Locale.ROOT), call.path());
    }
    Target t = parsed.get();
    boolean collection = t.isCollection();
    String verb =
        switch (call.method()) {
          case "GET", "HEAD" -> call.flag("watch") ? "watch" : collection ? "list" : "get";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> collection ? "deletecollection" : "delete";
          default -> call.method().toLowerCase(Locale.ROOT);
        };
    // A namespace is its own namespace, as kube-apiserver sees /api/v1/namespaces/b.
    String namespace =
        t.group().isEmpty() && t.plural().equals("namespaces") && !collection
            ? t.name()
            : t.namespace();
    return AccessRequest.resource(
        verb, t.group(), t.plural(), t.subresource(), namespace, t.name());
  }
}
