package dev.onair.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Lints and renders helm/onair with helm-java and asserts on the objects a cluster would get. */
class HelmChartTest {

  /**
   * What the operator really does with each resource (docs/security.md): its kinds are watched and
   * patched (finalizers, status), pods created and deleted, the encoder Service created and
   * updated, ConfigMaps and Secrets only read, Events created and listed.
   */
  static final Map<String, Set<String>> MINIMUM_RULES =
      Map.ofEntries(
          Map.entry("streaming.onair.dev/livestreams", Set.of("get", "list", "watch", "patch")),
          Map.entry("streaming.onair.dev/restreams", Set.of("get", "list", "watch", "patch")),
          Map.entry("streaming.onair.dev/streamendpoints", Set.of("get", "list", "watch", "patch")),
          Map.entry("streaming.onair.dev/livestreams/status", Set.of("patch")),
          Map.entry("streaming.onair.dev/restreams/status", Set.of("patch")),
          Map.entry("streaming.onair.dev/streamendpoints/status", Set.of("patch")),
          Map.entry("streaming.onair.dev/livestreams/finalizers", Set.of("update")),
          Map.entry("streaming.onair.dev/restreams/finalizers", Set.of("update")),
          Map.entry("/pods", Set.of("get", "list", "watch", "create", "delete")),
          Map.entry("/services", Set.of("get", "list", "watch", "create", "update", "delete")),
          Map.entry("/configmaps", Set.of("get", "list", "watch")),
          Map.entry("/secrets", Set.of("get", "list", "watch")),
          Map.entry("/events", Set.of("create", "list")));

  /** What the history API needs, cluster-wide in every mode: to ask, never to read. */
  private static final Map<String, Set<String>> REVIEW_RULES =
      Map.of(
          "authentication.k8s.io/tokenreviews", Set.of("create"),
          "authorization.k8s.io/subjectaccessreviews", Set.of("create"));

  @Test
  void chartLintsCleanlyInStrictMode() {
    var result = new Helm(RepoFiles.chart()).lint().strict().call();
    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
  }

  @Test
  void defaultInstallWatchesAllNamespacesWithTheMinimumClusterRole() {
    RenderedChart chart = RenderedChart.render();
    ClusterRole role = operatorRole(chart);
    assertThat(grants(role.getRules())).isEqualTo(new TreeMap<>(MINIMUM_RULES));
    assertNoWildcards(role.getRules());
    assertThat(grants(reviewRole(chart).getRules())).isEqualTo(new TreeMap<>(REVIEW_RULES));

    ClusterRoleBinding binding =
        chart.allTyped("ClusterRoleBinding", ClusterRoleBinding.class).stream()
            .filter(b -> b.getRoleRef().getName().equals(role.getMetadata().getName()))
            .findFirst()
            .orElseThrow();
    assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName())
                  .isEqualTo(chart.one("ServiceAccount").path("metadata").path("name").asText());
              assertThat(s.getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
            });
    assertThat(chart.ofKind("Role")).isEmpty();
    assertThat(env(operator(chart))).doesNotContainKey("QUARKUS_OPERATOR_SDK_NAMESPACES");
  }

  @Test
  void noBindingGrantsABuiltInPowerfulRole() {
    for (RenderedChart chart :
        List.of(RenderedChart.render(), RenderedChart.render("watchNamespaces: [news, sport]"))) {
      var refs =
          chart.objects.stream()
              .filter(o -> o.path("kind").asText().endsWith("RoleBinding"))
              .map(o -> o.path("roleRef").path("name").asText())
              .toList();
      assertThat(refs).isNotEmpty().doesNotContain("cluster-admin", "admin", "edit");
      assertThat(chart.text).doesNotContain("\"*\"").doesNotContain("- '*'");
    }
  }

  @Test
  void watchedNamespacesGetRolesAndNoClusterWidePermission() {
    RenderedChart chart = RenderedChart.render("watchNamespaces: [news, sport]");
    // The one cluster-wide grant left is to create access reviews, which reads no object.
    assertThat(chart.allTyped("ClusterRole", ClusterRole.class))
        .singleElement()
        .satisfies(r -> assertThat(grants(r.getRules())).isEqualTo(new TreeMap<>(REVIEW_RULES)));
    assertThat(chart.allTyped("ClusterRoleBinding", ClusterRoleBinding.class))
        .singleElement()
        .satisfies(b -> assertThat(b.getRoleRef().getName()).endsWith("-access-reviews"));

    List<Role> roles = chart.allTyped("Role", Role.class);
    assertThat(roles)
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("news", "sport");
    for (Role role : roles) {
      assertThat(grants(role.getRules())).isEqualTo(new TreeMap<>(MINIMUM_RULES));
      assertNoWildcards(role.getRules());
    }
    List<RoleBinding> bindings = chart.allTyped("RoleBinding", RoleBinding.class);
    assertThat(bindings)
        .extracting(b -> b.getMetadata().getNamespace() + "->" + b.getRoleRef().getKind())
        .containsExactlyInAnyOrder("news->Role", "sport->Role");
    assertThat(bindings)
        .allSatisfy(
            b ->
                assertThat(b.getSubjects().get(0).getNamespace())
                    .isEqualTo(RenderedChart.NAMESPACE));
    assertThat(env(operator(chart)).get("QUARKUS_OPERATOR_SDK_NAMESPACES").getValue())
        .isEqualTo("news,sport");
  }

  @Test
  void operatorPodIsHardenedAndProbedOnQuarkusHealthOnTheMetricsPort() {
    Deployment deployment = RenderedChart.render().typed("Deployment", Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isNotZero();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container c = pod.getContainers().get(0);
    assertHardened(c);
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getResources().getLimits()).containsKey("memory");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
    assertThat(
            List.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()).stream()
                .map(p -> p.getHttpGet().getPort().getStrVal()))
        .containsOnly("metrics");
    assertThat(c.getPorts())
        .anyMatch(p -> "metrics".equals(p.getName()) && p.getContainerPort() == 9000);
    // A read-only root needs a writable /tmp for Quarkus.
    assertThat(c.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void mediaImagesReachTheOperatorThroughQuarkusEnvironmentNames() {
    RenderedChart chart =
        RenderedChart.render(
            """
            encoder:
              image: {repository: registry.example/onair/encoder, tag: 1.2.3, pullPolicy: Always}
            relay:
              image: {repository: registry.example/onair/relay}
            """);
    Map<String, EnvVar> env = env(operator(chart));
    assertThat(env.get("ONAIR_ENCODER_IMAGE").getValue())
        .isEqualTo("registry.example/onair/encoder:1.2.3");
    assertThat(env.get("ONAIR_ENCODER_PULL_POLICY").getValue()).isEqualTo("Always");
    String appVersion = chartAppVersion();
    assertThat(env.get("ONAIR_RELAY_IMAGE").getValue())
        .isEqualTo("registry.example/onair/relay:" + appVersion);
    assertThat(env.get("ONAIR_RELAY_PULL_POLICY").getValue()).isEqualTo("IfNotPresent");
    assertThat(operator(chart).getImage())
        .isEqualTo("ghcr.io/onair-dev/onair-operator:" + appVersion);
  }

  @Test
  void externalDatabasePasswordComesFromTheNamedSecret() {
    RenderedChart chart =
        RenderedChart.render(
            """
            audit:
              database:
                mode: external
                external:
                  jdbcUrl: jdbc:postgresql://db.example:5432/onair
                  existingSecret: onair-db
                  passwordKey: pw
            """);
    Map<String, EnvVar> env = env(operator(chart));
    assertThat(env.get("ONAIR_AUDIT_JDBC_URL").getValue())
        .isEqualTo("jdbc:postgresql://db.example:5432/onair");
    EnvVar password = env.get("ONAIR_AUDIT_PASSWORD");
    assertThat(password.getValue()).isNull();
    assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("onair-db");
    assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pw");
    assertThat(env.get("ONAIR_AUDIT_USERNAME").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("onair-db");
    // No bundled database, and no Secret with credentials rendered by the chart.
    assertThat(chart.ofKind("StatefulSet")).isEmpty();
    assertThat(chart.ofKind("Secret")).isEmpty();
  }

  @Test
  void externalDatabaseWithoutASecretIsRefusedWithAClearMessage() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    audit:
                      database:
                        mode: external
                        external: {jdbcUrl: "jdbc:postgresql://db:5432/onair"}
                    """))
        .hasMessageContaining("audit.database.external.existingSecret is required");
  }

  @Test
  void bundledDatabaseIsAHardenedStatefulSetWithAVolumeAndASecretPassword() {
    RenderedChart chart =
        RenderedChart.render("audit: {database: {bundled: {storage: {size: 2Gi}}}}");
    StatefulSet pg = chart.typed("StatefulSet", StatefulSet.class);
    assertThat(pg.getSpec().getReplicas()).isEqualTo(1);
    assertThat(pg.getSpec().getVolumeClaimTemplates())
        .singleElement()
        .satisfies(
            pvc ->
                assertThat(pvc.getSpec().getResources().getRequests().get("storage").toString())
                    .isEqualTo("2Gi"));
    PodSpec pod = pg.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Container postgres = pod.getContainers().get(0);
    assertHardened(postgres);
    Secret secret = chart.typed("Secret", Secret.class);
    EnvVar pgPassword = env(postgres).get("POSTGRES_PASSWORD");
    assertThat(pgPassword.getValue()).isNull();
    assertThat(pgPassword.getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(secret.getMetadata().getName());
    assertThat(new String(java.util.Base64.getDecoder().decode(secret.getData().get("password"))))
        .isEqualTo(RenderedChart.TEST_PASSWORD);
    // The password appears in the Secret only, never in a pod spec.
    assertThat(chart.text.split(RenderedChart.TEST_PASSWORD, -1)).hasSize(1);

    Map<String, EnvVar> env = env(operator(chart));
    assertThat(env.get("ONAIR_AUDIT_PASSWORD").getValue()).isNull();
    assertThat(env.get("ONAIR_AUDIT_PASSWORD").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo(secret.getMetadata().getName());
    assertThat(env.get("ONAIR_AUDIT_JDBC_URL").getValue())
        .isEqualTo(
            "jdbc:postgresql://"
                + secret.getMetadata().getName()
                + "."
                + RenderedChart.NAMESPACE
                + ".svc:5432/onair");
  }

  @Test
  void auditOffRendersNoDatabaseWiring() {
    RenderedChart chart = RenderedChart.render("audit: {enabled: false}");
    assertThat(chart.ofKind("StatefulSet")).isEmpty();
    Map<String, EnvVar> env = env(operator(chart));
    assertThat(env.get("ONAIR_AUDIT_ENABLED").getValue()).isEqualTo("false");
    assertThat(env).doesNotContainKeys("ONAIR_AUDIT_PASSWORD", "ONAIR_AUDIT_JDBC_URL");
    // No history API, so no right to ask for access reviews.
    assertThat(chart.ofKind("ClusterRole"))
        .noneMatch(r -> r.path("metadata").path("name").asText().endsWith("-access-reviews"));
  }

  @Test
  void serviceExposesHistoryAndMetricsOnTwoPorts() {
    RenderedChart chart = RenderedChart.render("audit: {enabled: false}");
    JsonNode service = chart.one("Service");
    assertThat(service.path("spec").path("ports").findValuesAsText("targetPort"))
        .containsExactly("http", "metrics");
    assertThat(service.path("spec").path("ports").findValuesAsText("port"))
        .containsExactly("8080", "9000");
    assertThat(operator(chart).getPorts())
        .anyMatch(p -> "http".equals(p.getName()) && p.getContainerPort() == 8080);
    assertThat(service.path("spec").path("selector").path("app.kubernetes.io/name").asText())
        .isEqualTo(
            chart
                .one("Deployment")
                .path("spec")
                .path("template")
                .path("metadata")
                .path("labels")
                .path("app.kubernetes.io/name")
                .asText());
  }

  @Test
  void monitoringIsOffByDefaultAndCompleteWhenEnabled() throws Exception {
    RenderedChart off = RenderedChart.render();
    assertThat(off.ofKind("ServiceMonitor")).isEmpty();
    assertThat(off.ofKind("PrometheusRule")).isEmpty();
    assertThat(off.ofKind("ConfigMap")).isEmpty();

    RenderedChart on =
        RenderedChart.render(
            """
            metrics:
              serviceMonitor: {enabled: true}
              prometheusRule: {enabled: true, outputFailingFor: 7m}
              grafanaDashboard: {enabled: true}
            """);
    JsonNode monitor = on.one("ServiceMonitor").path("spec").path("endpoints").get(0);
    assertThat(monitor.path("port").asText()).isEqualTo("metrics");
    assertThat(monitor.path("path").asText()).isEqualTo("/q/metrics");
    assertThat(monitor.path("honorLabels").asBoolean()).isTrue();

    Map<String, JsonNode> alerts =
        on.one("PrometheusRule").path("spec").path("groups").findValues("rules").stream()
            .flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false))
            .collect(Collectors.toMap(r -> r.path("alert").asText(), r -> r));
    assertThat(alerts.get("OnAirLiveStreamNotLive").path("expr").asText())
        .contains("onair_livestream_phase")
        .contains("Starting")
        .doesNotContain("Stopped");
    assertThat(alerts.get("OnAirOutputFailing").path("expr").asText())
        .contains("onair_restream_output_state")
        .contains("Failed");
    assertThat(alerts.get("OnAirOutputFailing").path("for").asText()).isEqualTo("7m");
    assertThat(alerts.get("OnAirAuditBacklogGrowing").path("expr").asText())
        .contains("onair_audit_backlog")
        .contains("deriv(");
    // Prometheus templating survives Helm.
    assertThat(alerts.get("OnAirOutputFailing").path("annotations").path("summary").asText())
        .contains("{{ $labels.endpoint }}");

    JsonNode dashboard =
        new ObjectMapper().readTree(on.one("ConfigMap").path("data").path("onair.json").asText());
    List<String> queries = dashboard.findValuesAsText("expr");
    assertThat(queries)
        .anyMatch(q -> q.contains("onair_livestream_phase"))
        .anyMatch(q -> q.contains("onair_restream_output_state"))
        .anyMatch(q -> q.contains("onair_reconcile_seconds"))
        .anyMatch(q -> q.contains("onair_audit_backlog"));
    assertThat(
            on.one("ConfigMap").path("metadata").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
  }

  @Test
  void networkPolicyIsOnByDefaultAndLetsTheOperatorReachOnlyWhatItNeeds() {
    assertThat(RenderedChart.render().ofKind("NetworkPolicy")).isNotEmpty();
    assertThat(RenderedChart.render("networkPolicy: {enabled: false}").ofKind("NetworkPolicy"))
        .isEmpty();
    RenderedChart chart = RenderedChart.render("networkPolicy: {apiServerCidrs: [10.0.0.1/32]}");
    List<NetworkPolicy> policies = chart.allTyped("NetworkPolicy", NetworkPolicy.class);
    NetworkPolicy operator =
        policies.stream()
            .filter(
                p -> p.getSpec().getPodSelector().getMatchLabels().containsValue("onair-operator"))
            .findFirst()
            .orElseThrow();
    assertThat(operator.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    Set<Integer> egressPorts =
        operator.getSpec().getEgress().stream()
            .flatMap(e -> e.getPorts().stream())
            .map(p -> p.getPort().getIntVal())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(egressPorts).containsExactly(53, 443, 5432, 6443, 8080);
    assertThat(operator.getSpec().getEgress())
        .anyMatch(
            e ->
                e.getTo() != null
                    && e.getTo().stream()
                        .anyMatch(
                            t ->
                                t.getIpBlock() != null
                                    && "10.0.0.1/32".equals(t.getIpBlock().getCidr())));
    // Metrics only to the monitoring namespace (a namespace: tenants cannot create pods there,
    // while anyone can label a pod); the history API, which authenticates every request, to anyone.
    Map<Integer, NetworkPolicyIngressRule> ingress =
        operator.getSpec().getIngress().stream()
            .collect(Collectors.toMap(i -> i.getPorts().get(0).getPort().getIntVal(), i -> i));
    assertThat(ingress).containsOnlyKeys(8080, 9000);
    assertThat(ingress.get(8080).getFrom()).isNullOrEmpty();
    assertThat(ingress.get(9000).getFrom())
        .singleElement()
        .satisfies(
            from ->
                assertThat(from.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring")));
    // The bundled PostgreSQL answers the operator only.
    NetworkPolicy postgres = policies.stream().filter(p -> p != operator).findFirst().orElseThrow();
    assertThat(postgres.getSpec().getIngress())
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.getFrom().get(0).getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", "onair-operator"));
  }

  @Test
  void valuesSchemaRejectsUnsafeOrMistypedValues() {
    assertThatThrownBy(() -> RenderedChart.render("replicaCount: 2"))
        .hasMessageContaining("replicaCount");
    assertThatThrownBy(() -> RenderedChart.render("audit: {database: {mode: sqlite}}"))
        .hasMessageContaining("mode");
    assertThatThrownBy(() -> RenderedChart.render("watchNamespace: [news]"))
        .hasMessageContaining("watchNamespace");
  }

  private static void assertHardened(Container c) {
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(Optional.ofNullable(c.getSecurityContext().getPrivileged()).orElse(false)).isFalse();
  }

  private static void assertNoWildcards(List<PolicyRule> rules) {
    for (PolicyRule rule : rules) {
      assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
      assertThat(rule.getResources()).doesNotContain("*");
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
    }
  }

  /** group/resource → verbs, merged over all rules. */
  private static Map<String, Set<String>> grants(List<PolicyRule> rules) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          grants
              .computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
              .addAll(rule.getVerbs());
        }
      }
    }
    return grants;
  }

  private static ClusterRole operatorRole(RenderedChart chart) {
    return chart.allTyped("ClusterRole", ClusterRole.class).stream()
        .filter(r -> !r.getMetadata().getName().endsWith("-access-reviews"))
        .collect(onlyOne());
  }

  private static ClusterRole reviewRole(RenderedChart chart) {
    return chart.allTyped("ClusterRole", ClusterRole.class).stream()
        .filter(r -> r.getMetadata().getName().endsWith("-access-reviews"))
        .collect(onlyOne());
  }

  private static <T> java.util.stream.Collector<T, ?, T> onlyOne() {
    return Collectors.collectingAndThen(
        Collectors.toList(),
        l -> {
          assertThat(l).hasSize(1);
          return l.get(0);
        });
  }

  private static Container operator(RenderedChart chart) {
    return chart
        .typed("Deployment", Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  private static Map<String, EnvVar> env(Container c) {
    return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e, (a, b) -> b));
  }

  private static String chartAppVersion() {
    try {
      return new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readTree(RepoFiles.chart().resolve("Chart.yaml").toFile())
          .path("appVersion")
          .asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
