package dev.onair.sandbox;

import dev.onair.apiserver.ApiServer;
import dev.onair.apiserver.PodLogs;
import dev.onair.apiserver.RequestLog;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.List;

/**
 * The sandbox's Kubernetes API: OnAir's API server stand-in on 127.0.0.1 (the one the operator
 * tests use), with the CRDs installed, pod logs served from the pod runner's files, and a
 * kubeconfig so that the real kubectl can be pointed at it.
 */
final class KubeApi implements AutoCloseable {
  private final ApiServer server;
  private final KubernetesClient client;

  private KubeApi(ApiServer server) {
    this.server = server;
    this.client = new KubernetesClientBuilder().withConfig(config(server.url())).build();
  }

  /** Starts the API on a free port of 127.0.0.1 and installs every CRD found in {@code crdDir}. */
  static KubeApi start(Path crdDir, PodLogs logs) {
    ApiServer server = ApiServer.start(0, logs);
    server.installCrds(crdDir);
    return new KubeApi(server);
  }

  static KubeApi start(Path crdDir) {
    return start(crdDir, PodLogs.NONE);
  }

  /** A client configuration for {@code url}: no credentials, no kubeconfig of the machine. */
  static Config config(String url) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        .withNamespace(Applier.DEFAULT_NAMESPACE)
        .withRequestTimeout(30_000)
        .build();
  }

  /** The URL clients use, e.g. http://127.0.0.1:41234. */
  String url() {
    return server.url();
  }

  KubernetesClient client() {
    return client;
  }

  /**
   * Registers a fresh bearer token for a cluster admin and returns it, for the operator's history
   * API, which asks this API who a token belongs to.
   */
  String adminToken() {
    String token = java.util.UUID.randomUUID().toString();
    server.tokens().add(token, "sandbox-admin", "system:masters");
    return token;
  }

  /** The requests the API answered, to count them (benchmarks). */
  RequestLog requests() {
    return server.requests();
  }

  /** Writes a kubeconfig for kubectl whose context is this API and {@code namespace}. */
  Path writeKubeconfig(Path file, String namespace) {
    return server.writeKubeconfig(file, namespace);
  }

  List<CustomResourceDefinition> crds() {
    return client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
        .filter(crd -> crd.getSpec().getGroup().equals("streaming.onair.dev"))
        .toList();
  }

  void ensureNamespace(String name) {
    server.ensureNamespace(name);
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
