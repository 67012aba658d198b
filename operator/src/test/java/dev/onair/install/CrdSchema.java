package dev.onair.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.onair.apiserver.admission.Admission;
import dev.onair.apiserver.admission.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the API server would say about an object of one OnAir kind, answered by the admission of
 * OnAir's API server stand-in (the one the sandbox and the operator tests run on): unknown fields
 * as kubectl's strict field validation refuses them, then the committed CRD's openAPIV3Schema and
 * its x-kubernetes-validations rules.
 */
final class CrdSchema {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final Admission admission;

  private CrdSchema(JsonNode openApiSchema) {
    this.admission = Admission.of(openApiSchema);
  }

  /** The committed CRDs by kind (LiveStream, Endpoint, Restream). */
  static Map<String, CrdSchema> committed() {
    Map<String, CrdSchema> byKind = new HashMap<>();
    try (Stream<Path> files = Files.list(RepoFiles.crds())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        JsonNode crd = YAML.readTree(file.toFile());
        String kind = crd.path("spec").path("names").path("kind").asText();
        JsonNode schema = crd.path("spec").path("versions").get(0).path("schema");
        byKind.put(kind, new CrdSchema(schema.path("openAPIV3Schema")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return byKind;
  }

  /** Every reason the API server would refuse {@code object}; empty when it would accept it. */
  List<String> problems(JsonNode object) {
    ObjectNode copy = (ObjectNode) object.deepCopy();
    List<String> problems = new ArrayList<>();
    for (String unknown : admission.prune(copy)) {
      problems.add("api server: unknown field \"" + unknown + "\"");
    }
    for (FieldError error : admission.validate(copy, null)) {
      problems.add("api server: " + error.message());
    }
    return problems;
  }
}
