package dev.onair.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Generates the CRD YAML from the API model, the same way for the build check and for updates. */
final class CrdFiles {
  static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
  static final List<Class<? extends CustomResource<?, ?>>> KINDS =
      List.of(LiveStream.class, Endpoint.class, Restream.class);
  static final String HEADER =
      "# Generated from the API model in operator/src/main/java/dev/onair/api/v1alpha1 by"
          + " CommittedCrdsTest; do not edit.\n";

  private CrdFiles() {}

  /** Generates every OnAir CRD into {@code dir} and returns file name → content. */
  static Map<String, String> generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    new CRDGenerator()
        .inOutputDir(dir.toFile())
        .forCRDVersions("v1")
        .customResourceClasses(KINDS.toArray(Class[]::new))
        .generate();
    for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
      Path file = dir.resolve(CustomResource.getCRDName(kind) + "-v1.yml");
      CustomResourceDefinition crd =
          Serialization.unmarshal(Files.readString(file), CustomResourceDefinition.class);
      orderPrinterColumnsAsDeclared(crd, kind);
      Files.writeString(file, HEADER + Serialization.asYaml(crd));
    }
    return read(dir);
  }

  /**
   * The generator sorts printer columns by name, which would put Age first in kubectl; keep the
   * order they are declared in instead.
   */
  private static void orderPrinterColumnsAsDeclared(CustomResourceDefinition crd, Class<?> kind) {
    List<String> declared =
        Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    crd.getSpec()
        .getVersions()
        .forEach(
            v ->
                v.getAdditionalPrinterColumns()
                    .sort(
                        Comparator.comparingInt(
                            (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
  }

  /** Reads the *.yml files of a directory, file name → content. */
  static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.filter(f -> f.toString().endsWith(".yml")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }
}
