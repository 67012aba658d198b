package dev.onair.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The chart rendered with helm-java (`helm template`), as parsed objects. */
final class RenderedChart {
  static final String RELEASE = "onair";
  static final String NAMESPACE = "onair-system";
  static final String KUBE_VERSION = "1.31.0";
  static final String TEST_PASSWORD = "not-a-real-password";
  private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

  final String text;
  final List<JsonNode> objects;

  private RenderedChart(String text, List<JsonNode> objects) {
    this.text = text;
    this.objects = objects;
  }

  /** Renders with the chart's defaults. */
  static RenderedChart render() {
    return render("");
  }

  /**
   * Renders with the chart's defaults overridden by a values file holding {@code valuesYaml}.
   *
   * <p>A password for the bundled PostgreSQL is always given: without one the chart keeps the
   * Secret it generated before through {@code lookup}, which helm-java's template runs against a
   * cluster (plain {@code helm template} and {@code helm lint} skip it).
   */
  static RenderedChart render(String valuesYaml) {
    try {
      Path base = Files.createTempFile("onair-base", ".yaml");
      Path values = Files.createTempFile("onair-values", ".yaml");
      try {
        Files.writeString(base, "audit: {database: {bundled: {password: " + TEST_PASSWORD + "}}}");
        Files.writeString(values, valuesYaml);
        return parse(
            new Helm(RepoFiles.chart())
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION)
                .withValuesFile(base)
                .withValuesFile(values)
                .call());
      } finally {
        Files.deleteIfExists(base);
        Files.deleteIfExists(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RenderedChart parse(String text) {
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(text)) {
      for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
        JsonNode node = it.next();
        if (node != null && node.isObject() && node.has("kind")) {
          objects.add(node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RenderedChart(text, objects);
  }

  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  JsonNode one(String kind) {
    List<JsonNode> found = ofKind(kind);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + kind + ", found " + found.size());
    }
    return found.get(0);
  }

  /** The single object of {@code kind} as a fabric8 model object. */
  <T> T typed(String kind, Class<T> type) {
    return Serialization.jsonMapper().convertValue(one(kind), type);
  }

  <T> List<T> allTyped(String kind, Class<T> type) {
    return ofKind(kind).stream()
        .map(o -> Serialization.jsonMapper().convertValue(o, type))
        .toList();
  }
}
