package dev.onair.operator;

import dev.onair.apiserver.ApiServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs a {@code @QuarkusTest} against OnAir's API server stand-in — the one the sandbox and kubectl
 * use — with the committed CRDs installed, so the operator meets admission, the status subresource,
 * generation and conflicts as in a cluster. The namespaces named by the {@value #NAMESPACES}
 * argument are created first, as a cluster's admin would have.
 */
public class TestApiServer implements QuarkusTestResourceLifecycleManager {
  /** Comma-separated namespaces to create before the operator starts. */
  public static final String NAMESPACES = "namespaces";

  /** Marks the {@link ApiServer} field of a test that wants the server itself. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Inject {}

  private ApiServer server;
  private String[] namespaces = new String[0];
  private Map<String, String> properties = Map.of();

  @Override
  public void init(Map<String, String> args) {
    String value = args.getOrDefault(NAMESPACES, "");
    namespaces =
        Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toArray(String[]::new);
  }

  @Override
  public Map<String, String> start() {
    server = startWith(namespaces);
    // The client reads these as system properties, not from Quarkus config, and afresh on each
    // application start between test classes. No kubeconfig of this machine is ever read.
    properties =
        Map.of(
            Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, server.url(),
            Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false",
            Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    properties.forEach(System::setProperty);
    return properties;
  }

  /** Starts a server with the committed CRDs and {@code namespaces}, for tests without Quarkus. */
  public static ApiServer startWith(String... namespaces) {
    ApiServer server = ApiServer.start();
    server.installCrds(Path.of("..", "crds"));
    for (String ns : namespaces) {
      server.ensureNamespace(ns);
    }
    return server;
  }

  /** A client of {@code server} with no credentials and nothing read from this machine. */
  public static KubernetesClient client(ApiServer server) {
    return new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(server.url()).build())
        .build();
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(
        server, new TestInjector.AnnotatedAndMatchesType(Inject.class, ApiServer.class));
  }

  @Override
  public void stop() {
    properties.keySet().forEach(System::clearProperty);
    if (server != null) {
      server.close();
    }
  }
}
