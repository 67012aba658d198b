package dev.onair.apiserver.auth;

import java.util.List;

/**
 * Who a request is made as, in the shape of kube-apiserver's {@code user.Info} and of a
 * TokenReview's {@code status.user}: a user name, a uid and the groups it belongs to.
 */
public record User(String name, String uid, List<String> groups) {
  /** The group every authenticated user is in, as kube-apiserver adds it. */
  public static final String AUTHENTICATED = "system:authenticated";

  /** The group RBAC never refuses, as kube-apiserver's privileged-group authorizer. */
  public static final String MASTERS = "system:masters";

  /**
   * The stand-in's caller when a request carries no token: the administrator of a kubeadm cluster's
   * {@code admin.conf}, in {@code system:masters}.
   */
  public static final User ADMIN =
      new User("kubernetes-admin", "", List.of(MASTERS, AUTHENTICATED));

  public User {
    groups = List.copyOf(groups);
  }

  /** The user name of a service account, as its tokens authenticate. */
  public static String serviceAccountName(String namespace, String name) {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}
