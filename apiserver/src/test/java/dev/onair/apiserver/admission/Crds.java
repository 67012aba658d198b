package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.onair.apiserver.RepoRoot;
import dev.onair.apiserver.ResourceType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository's committed CRDs and example manifests, read as kube-apiserver would get them. */
final class Crds {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Crds() {}

  /** The repository root: the first folder up from here that holds crds/. */
  static Path root() {
    return RepoRoot.find();
  }

  /** The committed CRDs as resource types, by kind. */
  static Map<String, ResourceType> types() {
    Map<String, ResourceType> byKind = new HashMap<>();
    try (Stream<Path> files = Files.list(root().resolve("crds"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        JsonNode spec = YAML.readTree(file.toFile()).path("spec");
        JsonNode names = spec.path("names");
        JsonNode version = spec.path("versions").get(0);
        ResourceType type =
            new ResourceType(
                spec.path("group").asText(),
                version.path("name").asText(),
                names.path("kind").asText(),
                names.path("plural").asText(),
                names.path("singular").asText(),
                spec.path("scope").asText().equals("Namespaced"),
                List.of(),
                List.of(),
                ResourceType.ALL_VERBS,
                true,
                List.of(),
                version.path("schema").path("openAPIV3Schema"));
        byKind.put(type.kind(), type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byKind;
  }

  /** Every YAML document under examples/{folder}, with the file it came from. */
  static List<Example> examples(String folder) {
    List<Example> examples = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root().resolve("examples").resolve(folder))) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
          for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
            JsonNode doc = it.next();
            if (doc != null && doc.isObject()) {
              examples.add(new Example(file.getFileName().toString(), (ObjectNode) doc));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return examples;
  }

  static ObjectNode yaml(String text) {
    try {
      return (ObjectNode) YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One example document. */
  record Example(String file, ObjectNode manifest) {
    String kind() {
      return manifest.path("kind").asText();
    }

    @Override
    public String toString() {
      return file + " " + kind() + "/" + manifest.path("metadata").path("name").asText();
    }
  }
}
