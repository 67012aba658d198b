package dev.onair.apiserver;

import java.util.List;

/**
 * The built-in kinds the stand-in serves: those OnAir, its chart and kubectl's everyday commands
 * touch. They are stored as sent (no schema, no defaulting), with the columns kubectl prints for
 * them.
 */
final class BuiltinTypes {
  private static final List<String> ALL = List.of("all");

  private BuiltinTypes() {}

  static List<ResourceType> all() {
    return List.of(
        core(
            "Namespace",
            "namespaces",
            false,
            List.of("ns"),
            List.of(),
            true,
            cols("Status", "Age")),
        core("Pod", "pods", true, List.of("po"), ALL, true, pods()),
        core("Service", "services", true, List.of("svc"), ALL, true, services()),
        core("ConfigMap", "configmaps", true, List.of("cm"), List.of(), false, cols("Data", "Age")),
        core("Secret", "secrets", true, List.of(), List.of(), false, cols("Type", "Data", "Age")),
        core("Event", "events", true, List.of("ev"), List.of(), false, events()),
        core(
            "ServiceAccount",
            "serviceaccounts",
            true,
            List.of("sa"),
            List.of(),
            false,
            cols("Secrets", "Age")),
        core(
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            true,
            List.of("pvc"),
            List.of(),
            true,
            cols("Status", "Volume", "Capacity", "Access Modes", "Storageclass", "Age")),
        core(
            "Endpoints",
            "endpoints",
            true,
            List.of("ep"),
            List.of(),
            false,
            cols("Endpoints", "Age")),
        core(
            "Node",
            "nodes",
            false,
            List.of("no"),
            List.of(),
            true,
            cols("Status", "Roles", "Age", "Version")),
        grouped(
            "apps",
            "Deployment",
            "deployments",
            true,
            List.of("deploy"),
            ALL,
            true,
            cols("Ready", "Up-to-date", "Available", "Age")),
        grouped(
            "apps",
            "StatefulSet",
            "statefulsets",
            true,
            List.of("sts"),
            ALL,
            true,
            cols("Ready", "Age")),
        grouped(
            "coordination.k8s.io",
            "Lease",
            "leases",
            true,
            List.of(),
            List.of(),
            false,
            cols("Holder", "Age")),
        grouped(
            "events.k8s.io", "Event", "events", true, List.of("ev"), List.of(), false, events()),
        grouped(
            "policy",
            "PodDisruptionBudget",
            "poddisruptionbudgets",
            true,
            List.of("pdb"),
            List.of(),
            true,
            cols("Min Available", "Max Unavailable", "Allowed Disruptions", "Age")),
        grouped(
            "networking.k8s.io",
            "NetworkPolicy",
            "networkpolicies",
            true,
            List.of("netpol"),
            List.of(),
            false,
            cols("Pod-Selector", "Age")),
        grouped(
            "rbac.authorization.k8s.io",
            "Role",
            "roles",
            true,
            List.of(),
            List.of(),
            false,
            cols("Created At")),
        grouped(
            "rbac.authorization.k8s.io",
            "RoleBinding",
            "rolebindings",
            true,
            List.of(),
            List.of(),
            false,
            cols("Role", "Age")),
        grouped(
            "rbac.authorization.k8s.io",
            "ClusterRole",
            "clusterroles",
            false,
            List.of(),
            List.of(),
            false,
            cols("Created At")),
        grouped(
            "rbac.authorization.k8s.io",
            "ClusterRoleBinding",
            "clusterrolebindings",
            false,
            List.of(),
            List.of(),
            false,
            cols("Role", "Age")),
        grouped(
            "apiextensions.k8s.io",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            false,
            List.of("crd", "crds"),
            List.of(),
            true,
            cols("Created At")),
        review("authentication.k8s.io", "TokenReview", "tokenreviews", false),
        review("authentication.k8s.io", "SelfSubjectReview", "selfsubjectreviews", false),
        review("authorization.k8s.io", "SubjectAccessReview", "subjectaccessreviews", false),
        review(
            "authorization.k8s.io", "LocalSubjectAccessReview", "localsubjectaccessreviews", true),
        review(
            "authorization.k8s.io", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false),
        review("authorization.k8s.io", "SelfSubjectRulesReview", "selfsubjectrulesreviews", false));
  }

  /** A kind that is asked, never stored: create is its one verb (see {@code AuthApi}). */
  private static ResourceType review(String group, String kind, String plural, boolean namespaced) {
    return new ResourceType(
        group,
        "v1",
        kind,
        plural,
        kind.toLowerCase(java.util.Locale.ROOT),
        namespaced,
        List.of(),
        List.of(),
        List.of("create"),
        false,
        List.of(),
        null);
  }

  private static ResourceType core(
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories,
      boolean status,
      List<PrinterColumn> columns) {
    return grouped("", kind, plural, namespaced, shortNames, categories, status, columns);
  }

  private static ResourceType grouped(
      String group,
      String kind,
      String plural,
      boolean namespaced,
      List<String> shortNames,
      List<String> categories,
      boolean status,
      List<PrinterColumn> columns) {
    return new ResourceType(
        group,
        "v1",
        kind,
        plural,
        kind.toLowerCase(java.util.Locale.ROOT),
        namespaced,
        shortNames,
        categories,
        ResourceType.ALL_VERBS,
        status,
        columns,
        null);
  }

  private static List<PrinterColumn> cols(String... names) {
    return java.util.Arrays.stream(names).map(n -> column(n, 0)).toList();
  }

  private static PrinterColumn column(String name, int priority) {
    String type = name.equals("Age") || name.equals("Created At") ? "date" : "string";
    return new PrinterColumn(name, type, "", "", priority, null);
  }

  private static List<PrinterColumn> pods() {
    return List.of(
        column("Ready", 0),
        column("Status", 0),
        column("Restarts", 0),
        column("Age", 0),
        column("IP", 1),
        column("Node", 1),
        column("Nominated Node", 1),
        column("Readiness Gates", 1));
  }

  private static List<PrinterColumn> services() {
    return List.of(
        column("Type", 0),
        column("Cluster-IP", 0),
        column("External-IP", 0),
        column("Port(s)", 0),
        column("Age", 0),
        column("Selector", 1));
  }

  private static List<PrinterColumn> events() {
    return List.of(
        column("Last Seen", 0),
        column("Type", 0),
        column("Reason", 0),
        column("Object", 0),
        column("Subobject", 1),
        column("Source", 1),
        column("Message", 0),
        column("First Seen", 1),
        column("Count", 1),
        column("Name", 1));
  }
}
