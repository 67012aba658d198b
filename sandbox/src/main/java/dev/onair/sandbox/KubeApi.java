package dev.onair.sandbox;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/** The in-process Kubernetes API: the fabric8 mock server in CRUD mode, on 127.0.0.1. */
final class KubeApi implements AutoCloseable {
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final List<CustomResourceDefinition> crds = new ArrayList<>();

  private KubeApi(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  /** Starts the API on a free port of 127.0.0.1 and installs every CRD found in {@code crdDir}. */
  static KubeApi start(Path crdDir) throws IOException {
    QUIET.setLevel(java.util.logging.Level.WARNING); // one line per request otherwise
    var server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    KubeApi api = new KubeApi(server);
    try (Stream<Path> files = Files.list(crdDir)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              api.client.apiextensions().v1().customResourceDefinitions().load(in).item();
          api.crds.add(api.client.resource(crd).create());
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return api;
  }

  /** The URL clients use, e.g. http://127.0.0.1:41234. */
  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  KubernetesClient client() {
    return client;
  }

  /** The server itself, to count the requests that reached it (benchmarks). */
  KubernetesMockServer server() {
    return server;
  }

  List<CustomResourceDefinition> crds() {
    return crds;
  }

  void ensureNamespace(String name) {
    if (client.namespaces().withName(name).get() == null) {
      client
          .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
          .create();
    }
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
