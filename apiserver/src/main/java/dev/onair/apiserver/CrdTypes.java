package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The kinds a CustomResourceDefinition serves: one per served version. */
final class CrdTypes {
  private CrdTypes() {}

  static List<ResourceType> from(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    JsonNode names = spec.path("names");
    String kind = names.path("kind").asText();
    List<ResourceType> types = new ArrayList<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(true)) {
        continue;
      }
      List<PrinterColumn> columns = new ArrayList<>();
      for (JsonNode c : v.path("additionalPrinterColumns")) {
        columns.add(
            new PrinterColumn(
                c.path("name").asText(),
                c.path("type").asText("string"),
                c.path("format").asText(""),
                c.path("description").asText(""),
                c.path("priority").asInt(0),
                c.path("jsonPath").asText()));
      }
      if (!v.has("additionalPrinterColumns")) {
        // kube-apiserver's default when a CRD names no columns
        columns.add(new PrinterColumn("Age", "date", "", "", 0, ".metadata.creationTimestamp"));
      }
      JsonNode schema = v.path("schema").path("openAPIV3Schema");
      types.add(
          new ResourceType(
              spec.path("group").asText(),
              v.path("name").asText(),
              kind,
              names.path("plural").asText(),
              names.path("singular").asText(kind.toLowerCase(java.util.Locale.ROOT)),
              !"Cluster".equals(spec.path("scope").asText()),
              strings(names.path("shortNames")),
              strings(names.path("categories")),
              ResourceType.ALL_VERBS,
              v.path("subresources").has("status"),
              List.copyOf(columns),
              schema.isMissingNode()
                  ? Json.MAPPER.createObjectNode().put("type", "object")
                  : schema));
    }
    return List.copyOf(types);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(s -> out.add(s.asText()));
    return List.copyOf(out);
  }
}
