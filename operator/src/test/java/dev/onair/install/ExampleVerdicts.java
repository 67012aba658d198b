package dev.onair.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.ImageRef;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.ObjectRef;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.operator.common.ConsentedObjects;
import dev.onair.operator.common.KeyedData;
import dev.onair.operator.endpoint.EndpointValidator;
import dev.onair.operator.livestream.LiveStreamValidator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Decides, for each YAML document under examples/, whether a cluster running OnAir would accept it
 * and run it: the CRD schema and CEL rules, then the operator's own validation with the ConfigMaps
 * and Secrets the examples define, then references between examples.
 */
final class ExampleVerdicts {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String DNS_1123 =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** One YAML document of one example file. */
  record Doc(String file, JsonNode node) {
    String kind() {
      return node.path("kind").asText();
    }

    String name() {
      return node.path("metadata").path("name").asText();
    }

    @Override
    public String toString() {
      return file + " " + kind() + "/" + name();
    }
  }

  private final Map<String, CrdSchema> schemas = CrdSchema.committed();

  /** Every document of every YAML file under {@code dir}. */
  static List<Doc> load(Path dir) {
    List<Doc> docs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        String name = dir.relativize(file).toString();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
          for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
            JsonNode node = it.next();
            if (node != null && !node.isNull() && !node.isMissingNode()) {
              docs.add(new Doc(name, node));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return docs;
  }

  /** Why {@code doc} would be refused or could not run among {@code all}; empty when fine. */
  List<String> problems(Doc doc, List<Doc> all) {
    List<String> problems = new ArrayList<>();
    if (!doc.name().matches(DNS_1123)) {
      problems.add("metadata.name: '" + doc.name() + "' is not a DNS-1123 name");
    }
    if (!doc.kind().equals("Application")
        && !doc.node().path("metadata").path("namespace").isMissingNode()) {
      problems.add("metadata.namespace: examples are applied into the namespace of your choice");
    }
    CrdSchema schema = schemas.get(doc.kind());
    if (schema != null) {
      if (!"streaming.onair.dev/v1alpha1".equals(doc.node().path("apiVersion").asText())) {
        problems.add("apiVersion: must be streaming.onair.dev/v1alpha1");
      }
      problems.addAll(schema.problems(doc.node()));
    }
    try {
      switch (doc.kind()) {
        case "LiveStream" -> problems.addAll(liveStream(doc, all));
        case "Endpoint" -> problems.addAll(endpoint(doc, all));
        case "Restream" -> problems.addAll(restream(doc, all));
        case "ConfigMap" -> problems.addAll(configMap(doc));
        case "Secret" -> problems.addAll(secret(doc));
        case "Application" -> problems.addAll(application(doc));
        default -> problems.add("kind " + doc.kind() + " is not one the examples should hold");
      }
    } catch (IllegalArgumentException e) {
      problems.add("does not map onto the API model: " + e.getMessage());
    }
    return problems;
  }

  private static List<String> liveStream(Doc doc, List<Doc> all) {
    LiveStream ls = as(doc, LiveStream.class);
    List<String> problems = new ArrayList<>();
    LiveStreamValidator.validateSpec(ls.getSpec())
        .ifPresent(p -> problems.add("operator: " + p.reason() + ": " + p.message()));
    var result = LiveStreamValidator.validate(ls.getSpec(), keyedData(all));
    if (!result.valid() && problems.isEmpty()) {
      problems.add("operator: " + result.problem().reason() + ": " + result.problem().message());
    }
    if (ls.getSpec() != null && ls.getSpec().slate != null) {
      slateImage(ls.getSpec().slate.image, all).ifPresent(problems::add);
    }
    return problems;
  }

  private static List<String> endpoint(Doc doc, List<Doc> all) {
    var result = EndpointValidator.validate(as(doc, Endpoint.class), keyedData(all));
    return result.usable()
        ? List.of()
        : List.of("operator: " + result.problem().reason() + ": " + result.problem().message());
  }

  private static List<String> restream(Doc doc, List<Doc> all) {
    Restream r = as(doc, Restream.class);
    List<String> problems = new ArrayList<>();
    if (r.getSpec() == null || r.getSpec().liveStreamRef == null) {
      return List.of("spec.liveStreamRef: is required");
    }
    if (find(all, "LiveStream", r.getSpec().liveStreamRef.name).isEmpty()) {
      problems.add("spec.liveStreamRef: no example LiveStream " + r.getSpec().liveStreamRef.name);
    }
    List<Doc> endpoints = new ArrayList<>();
    for (ObjectRef ref : r.getSpec().endpointRefs) {
      if (ref.namespace != null) {
        problems.add("spec.endpointRefs: " + ref.name + ": references stay in the namespace");
      }
      find(all, "Endpoint", ref.name)
          .ifPresentOrElse(
              endpoints::add,
              () -> problems.add("spec.endpointRefs: no example Endpoint " + ref.name));
    }
    if (r.getSpec().endpointSelector != null) {
      Map<String, String> wanted = r.getSpec().endpointSelector.getMatchLabels();
      if (r.getSpec().endpointSelector.getMatchExpressions() != null
          && !r.getSpec().endpointSelector.getMatchExpressions().isEmpty()) {
        problems.add("spec.endpointSelector: the examples use matchLabels only");
      }
      List<Doc> selected =
          all.stream()
              .filter(d -> d.kind().equals("Endpoint"))
              .filter(d -> labels(d).entrySet().containsAll(wanted.entrySet()))
              .toList();
      if (selected.isEmpty()) {
        problems.add("spec.endpointSelector: selects no example Endpoint");
      }
      selected.stream().filter(d -> !endpoints.contains(d)).forEach(endpoints::add);
    }
    for (Doc e : endpoints) {
      var result = EndpointValidator.validate(as(e, Endpoint.class), keyedData(all));
      if (!result.usable()) {
        problems.add("endpoint " + e.name() + " is not usable: " + result.problem().message());
      }
    }
    return problems;
  }

  private static List<String> configMap(Doc doc) {
    List<String> problems = new ArrayList<>(consent(doc));
    ConfigMap cm = as(doc, ConfigMap.class);
    if (cm.getBinaryData() == null) {
      return problems;
    }
    cm.getBinaryData()
        .forEach(
            (key, base64) -> {
              if (key.endsWith(".png") && !decodesAsImage(Base64.getDecoder().decode(base64))) {
                problems.add("binaryData." + key + ": is not a PNG an image decoder can read");
              }
            });
    return problems;
  }

  /** Secrets in the examples are templates: every value must be an obvious placeholder. */
  /** Examples are copied as they are: without the consent label OnAir would refuse to use them. */
  private static List<String> consent(Doc doc) {
    String label = doc.node().path("metadata").path("labels").path(ConsentedObjects.LABEL).asText();
    return label.equals("true")
        ? List.of()
        : List.of(
            "metadata.labels: needs " + ConsentedObjects.LABEL + ": \"true\" for OnAir to use it");
  }

  private static List<String> secret(Doc doc) {
    List<String> problems = new ArrayList<>(consent(doc));
    if (!doc.node().path("data").isMissingNode()) {
      problems.add("data: use stringData placeholders, never encoded values");
    }
    doc.node()
        .path("stringData")
        .fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().asText().startsWith("REPLACE-WITH-")) {
                problems.add("stringData." + e.getKey() + ": must be a REPLACE-WITH-… placeholder");
              }
            });
    return problems;
  }

  private static List<String> application(Doc doc) {
    List<String> problems = new ArrayList<>();
    JsonNode spec = doc.node().path("spec");
    if (!"argoproj.io/v1alpha1".equals(doc.node().path("apiVersion").asText())) {
      problems.add("apiVersion: must be argoproj.io/v1alpha1");
    }
    String path = spec.path("source").path("path").asText();
    if (path.isEmpty() || !Files.isDirectory(RepoFiles.root().resolve(path))) {
      problems.add("spec.source.path: '" + path + "' is not a folder of this repository");
    }
    if (!spec.path("source").path("directory").path("exclude").asText().contains("secrets/")) {
      problems.add("spec.source.directory.exclude: must exclude the Secret templates");
    }
    if (spec.path("destination").path("namespace").asText().isEmpty()) {
      problems.add("spec.destination.namespace: is required");
    }
    return problems;
  }

  private static Optional<String> slateImage(ImageRef ref, List<Doc> all) {
    if (ref == null || ref.configMapKeyRef == null) {
      return Optional.empty();
    }
    return find(all, "ConfigMap", ref.configMapKeyRef.name)
            .map(d -> as(d, ConfigMap.class))
            .map(
                cm ->
                    cm.getBinaryData() == null
                        ? null
                        : cm.getBinaryData().get(ref.configMapKeyRef.key))
            .filter(b64 -> decodesAsImage(Base64.getDecoder().decode(b64)))
            .isPresent()
        ? Optional.empty()
        : Optional.of("spec.slate.image: the referenced key is not a readable image");
  }

  private static boolean decodesAsImage(byte[] bytes) {
    try {
      var image = ImageIO.read(new ByteArrayInputStream(bytes));
      return image != null && image.getWidth() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static KeyedData keyedData(List<Doc> all) {
    return new KeyedData(
        name -> find(all, "ConfigMap", name).map(d -> as(d, ConfigMap.class)),
        name -> find(all, "Secret", name).map(d -> as(d, Secret.class)));
  }

  private static Optional<Doc> find(List<Doc> all, String kind, String name) {
    return all.stream()
        .filter(d -> d.kind().equals(kind) && Objects.equals(d.name(), name))
        .findFirst();
  }

  private static Map<String, String> labels(Doc d) {
    Map<String, String> labels = new java.util.HashMap<>();
    d.node()
        .path("metadata")
        .path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  static <T> T as(Doc doc, Class<T> type) {
    return Serialization.jsonMapper().convertValue(doc.node(), type);
  }
}
