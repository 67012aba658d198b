package dev.onair.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Installs the committed CRDs into the test API server, as a user's cluster would have them. */
public class InstallCrds implements Consumer<KubernetesServer> {
  static final Path CRDS = Path.of("..", "crds");

  @Override
  public void accept(KubernetesServer server) {
    var client = server.getClient();
    try (Stream<Path> files = Files.list(CRDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client.resource(crd).create();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + CRDS.toAbsolutePath(), e);
    }
  }
}
