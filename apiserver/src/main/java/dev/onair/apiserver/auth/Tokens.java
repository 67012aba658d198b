package dev.onair.apiserver.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens the stand-in knows, as kube-apiserver's {@code --token-auth-file}: each names
 * one user and its groups. A test or the sandbox registers them; requests that send one are served
 * as its user and authorized by RBAC, TokenReview answers for them.
 */
public final class Tokens {
  private final Map<String, User> users = new ConcurrentHashMap<>();

  /**
   * Registers {@code token} for {@code username} in {@code groups} (plus {@code
   * system:authenticated}, which every authenticated user has); replaces an earlier registration of
   * the same token. Returns the user requests with this token are made as.
   */
  public User add(String token, String username, List<String> groups) {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("a bearer token cannot be empty");
    }
    List<String> all = new ArrayList<>(groups);
    if (!all.contains(User.AUTHENTICATED)) {
      all.add(User.AUTHENTICATED);
    }
    User user = new User(username, UUID.randomUUID().toString(), all);
    users.put(token, user);
    return user;
  }

  /** {@link #add(String, String, List)} with the groups given inline. */
  public User add(String token, String username, String... groups) {
    return add(token, username, List.of(groups));
  }

  /**
   * Registers {@code token} for the service account {@code namespace/name}: user {@code
   * system:serviceaccount:<namespace>:<name>} in {@code system:serviceaccounts} and {@code
   * system:serviceaccounts:<namespace>}, as its projected token authenticates.
   */
  public User addServiceAccount(String token, String namespace, String name) {
    return add(
        token,
        User.serviceAccountName(namespace, name),
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace));
  }

  /** Forgets {@code token}: requests that still send it are refused with 401. */
  public void remove(String token) {
    users.remove(token);
  }

  /** The user {@code token} names, or empty when it is not registered. */
  public Optional<User> authenticate(String token) {
    return Optional.ofNullable(users.get(token));
  }
}
