package dev.onair.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRD's additionalPrinterColumns, evaluated the way {@code kubectl get} does for the JSONPath
 * forms the OnAir CRDs use: {@code .a.b}, {@code .a[0]} and {@code .a[?(@.type=="Ready")].b}.
 */
record PrinterColumns(
    String kind, String apiVersion, List<CustomResourceColumnDefinition> columns) {
  private static final Pattern STEP =
      Pattern.compile(
          "\\.([A-Za-z0-9_-]+)(?:\\[(?:(\\d+)|\\?\\(@\\.([A-Za-z0-9_-]+)==\"([^\"]*)\"\\))\\])?");

  static PrinterColumns of(CustomResourceDefinition crd) {
    CustomResourceDefinitionVersion version =
        crd.getSpec().getVersions().stream()
            .filter(v -> Boolean.TRUE.equals(v.getStorage()))
            .findFirst()
            .orElse(crd.getSpec().getVersions().get(0));
    List<CustomResourceColumnDefinition> columns =
        version.getAdditionalPrinterColumns() == null
            ? List.of()
            : version.getAdditionalPrinterColumns();
    return new PrinterColumns(
        crd.getSpec().getNames().getKind(),
        crd.getSpec().getGroup() + "/" + version.getName(),
        columns);
  }

  List<String> headers() {
    List<String> h = new ArrayList<>(List.of("NAMESPACE", "NAME"));
    columns.forEach(c -> h.add(c.getName().toUpperCase()));
    return h;
  }

  List<String> row(JsonNode object, Instant now) {
    List<String> row = new ArrayList<>();
    row.add(object.path("metadata").path("namespace").asText());
    row.add(object.path("metadata").path("name").asText());
    for (CustomResourceColumnDefinition c : columns) {
      String value = evaluate(object, c.getJsonPath());
      if ("date".equals(c.getType()) && !value.isEmpty()) {
        try {
          value = age(Duration.between(Instant.parse(value), now));
        } catch (RuntimeException e) {
          // shown as is
        }
      }
      row.add(value.isEmpty() ? "<none>" : value);
    }
    return row;
  }

  /** Evaluates a simple JSONPath; several matches are joined with commas, as kubectl does. */
  static String evaluate(JsonNode root, String path) {
    List<JsonNode> current = List.of(root);
    Matcher m = STEP.matcher(path);
    int at = 0;
    while (m.find() && m.start() == at) {
      at = m.end();
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode n : current) {
        JsonNode child = n.path(m.group(1));
        if (m.group(2) != null) {
          child = child.path(Integer.parseInt(m.group(2)));
          next.add(child);
        } else if (m.group(3) != null) {
          for (JsonNode element : child) {
            if (m.group(4).equals(element.path(m.group(3)).asText())) {
              next.add(element);
            }
          }
        } else {
          next.add(child);
        }
      }
      current = next;
    }
    List<String> values = new ArrayList<>();
    for (JsonNode n : current) {
      if (!n.isMissingNode() && !n.isNull()) {
        values.add(n.isValueNode() ? n.asText() : n.toString());
      }
    }
    return String.join(",", values);
  }

  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    return (s / 3600) + "h";
  }
}
