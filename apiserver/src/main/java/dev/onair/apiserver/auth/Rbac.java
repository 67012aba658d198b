package dev.onair.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * kube-apiserver's RBAC authorizer over the stored Roles, ClusterRoles and bindings, read afresh on
 * every decision so a binding a test creates counts at once. ClusterRoleBindings are visited first,
 * then the RoleBindings of the request's namespace (a RoleBinding may name a ClusterRole, whose
 * rules then hold in that namespace only). {@code system:masters} is always allowed, as by kube's
 * privileged-group authorizer; an aggregated ClusterRole has the rules of the ClusterRoles its
 * {@code aggregationRule} selects, as the aggregation controller would have written them.
 */
public final class Rbac {
  private final RbacObjects objects;

  public Rbac(RbacObjects objects) {
    this.objects = objects;
  }

  /** The rules that hold for a user in a namespace, and what could not be read (missing roles). */
  public record Rules(List<JsonNode> rules, String evaluationError) {}

  /** Receives each rule that holds for the user and the binding it comes from; false stops. */
  private interface RuleVisitor {
    boolean visit(String source, JsonNode rule);
  }

  /** Whether {@code user} may do {@code request}, and why, as a SubjectAccessReview answers. */
  public Decision authorize(User user, AccessRequest request) {
    if (user.inGroup(User.MASTERS)) {
      return new Decision(true, "");
    }
    String[] allowedBy = {null};
    List<String> errors =
        visit(
            user,
            request.namespace(),
            (source, rule) -> {
              if (PolicyRules.allows(rule, request)) {
                allowedBy[0] = source;
                return false;
              }
              return true;
            });
    if (allowedBy[0] != null) {
      return new Decision(true, "RBAC: allowed by " + allowedBy[0]);
    }
    return new Decision(false, errors.isEmpty() ? "" : "RBAC: " + aggregate(errors));
  }

  /** Every rule that holds for {@code user} in {@code namespace} ("" for cluster-wide only). */
  public Rules rulesFor(User user, String namespace) {
    List<JsonNode> rules = new ArrayList<>();
    List<String> errors =
        visit(
            user,
            namespace == null ? "" : namespace,
            (source, rule) -> {
              rules.add(rule);
              return true;
            });
    return new Rules(rules, errors.isEmpty() ? "" : aggregate(errors));
  }

  private List<String> visit(User user, String namespace, RuleVisitor visitor) {
    List<String> errors = new ArrayList<>();
    List<JsonNode> clusterRoles = clusterRoles();
    for (JsonNode binding : clusterRoleBindings()) {
      JsonNode subject = subjectFor(binding, user, "");
      if (subject == null) {
        continue;
      }
      JsonNode ref = binding.path("roleRef");
      Optional<List<JsonNode>> rules =
          ref.path("kind").asText().equals("ClusterRole")
              ? clusterRoleRules(ref.path("name").asText(), clusterRoles)
              : Optional.empty();
      if (rules.isEmpty()) {
        errors.add(notFound(ref));
        continue;
      }
      String source =
          "ClusterRoleBinding \"%s\" of %s \"%s\" to %s"
              .formatted(
                  nameOf(binding),
                  ref.path("kind").asText(),
                  ref.path("name").asText(),
                  Subjects.describe(subject, ""));
      for (JsonNode rule : rules.get()) {
        if (!visitor.visit(source, rule)) {
          return errors;
        }
      }
    }
    if (namespace.isEmpty()) {
      return errors;
    }
    for (JsonNode binding : objects.roleBindings(namespace)) {
      JsonNode subject = subjectFor(binding, user, namespace);
      if (subject == null) {
        continue;
      }
      JsonNode ref = binding.path("roleRef");
      String roleName = ref.path("name").asText();
      Optional<List<JsonNode>> rules =
          switch (ref.path("kind").asText()) {
            case "Role" -> objects.role(namespace, roleName).map(Rbac::ownRules);
            case "ClusterRole" -> clusterRoleRules(roleName, clusterRoles);
            default -> Optional.empty();
          };
      if (rules.isEmpty()) {
        errors.add(notFound(ref));
        continue;
      }
      String source =
          "RoleBinding \"%s/%s\" of %s \"%s\" to %s"
              .formatted(
                  nameOf(binding),
                  namespace,
                  ref.path("kind").asText(),
                  roleName,
                  Subjects.describe(subject, namespace));
      for (JsonNode rule : rules.get()) {
        if (!visitor.visit(source, rule)) {
          return errors;
        }
      }
    }
    return errors;
  }

  private static JsonNode subjectFor(JsonNode binding, User user, String namespace) {
    for (JsonNode subject : binding.path("subjects")) {
      if (Subjects.appliesTo(subject, user, namespace)) {
        return subject;
      }
    }
    return null;
  }

  /** The stored ClusterRoleBindings, then the bootstrap ones no stored binding replaces. */
  private List<JsonNode> clusterRoleBindings() {
    return withBootstrap(objects.clusterRoleBindings(), BootstrapPolicy.clusterRoleBindings());
  }

  private List<JsonNode> clusterRoles() {
    return withBootstrap(objects.clusterRoles(), BootstrapPolicy.clusterRoles());
  }

  private static List<JsonNode> withBootstrap(List<JsonNode> stored, List<JsonNode> bootstrap) {
    List<JsonNode> all = new ArrayList<>(stored);
    Set<String> names = new HashSet<>();
    stored.forEach(o -> names.add(nameOf(o)));
    for (JsonNode b : bootstrap) {
      if (!names.contains(nameOf(b))) {
        all.add(b);
      }
    }
    return all;
  }

  private static Optional<List<JsonNode>> clusterRoleRules(String name, List<JsonNode> all) {
    for (JsonNode role : all) {
      if (nameOf(role).equals(name)) {
        return Optional.of(rulesOf(role, all, new HashSet<>()));
      }
    }
    return Optional.empty();
  }

  /** A ClusterRole's own rules plus, when it aggregates, those of every role it selects. */
  private static List<JsonNode> rulesOf(JsonNode role, List<JsonNode> all, Set<String> seen) {
    List<JsonNode> rules = new ArrayList<>();
    if (!seen.add(nameOf(role))) {
      return rules;
    }
    rules.addAll(ownRules(role));
    JsonNode selectors = role.path("aggregationRule").path("clusterRoleSelectors");
    for (JsonNode other : all) {
      if (seen.contains(nameOf(other))) {
        continue;
      }
      for (JsonNode selector : selectors) {
        if (LabelSelectors.matches(selector, other.path("metadata").path("labels"))) {
          rules.addAll(rulesOf(other, all, seen));
          break;
        }
      }
    }
    return rules;
  }

  private static List<JsonNode> ownRules(JsonNode role) {
    List<JsonNode> rules = new ArrayList<>();
    role.path("rules").forEach(rules::add);
    return rules;
  }

  private static String nameOf(JsonNode o) {
    return o.path("metadata").path("name").asText();
  }

  private static String notFound(JsonNode ref) {
    String kind = ref.path("kind").asText().equals("Role") ? "role" : "clusterrole";
    return kind + ".rbac.authorization.k8s.io \"" + ref.path("name").asText() + "\" not found";
  }

  /** Errors joined as apimachinery's {@code utilerrors.NewAggregate} prints them. */
  private static String aggregate(List<String> errors) {
    Set<String> distinct = new LinkedHashSet<>(errors);
    return distinct.size() == 1
        ? distinct.iterator().next()
        : "[" + String.join(", ", distinct) + "]";
  }
}
