package dev.onair.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** What the apiextensions controllers write on a CRD once its names are accepted and served. */
final class CustomResourceDefinitions {
  private CustomResourceDefinitions() {}

  /**
   * Marks {@code crd} NamesAccepted and Established, with its accepted names and stored versions.
   */
  static void accept(ObjectNode crd) {
    ObjectNode spec = (ObjectNode) crd.path("spec");
    ObjectNode status = crd.putObject("status");
    status.set("acceptedNames", spec.path("names").deepCopy());
    ArrayNode conditions = status.putArray("conditions");
    String now = Json.timestamp(Instant.now());
    for (String[] c :
        new String[][] {
          {"NamesAccepted", "NoConflicts", "no conflicts found"},
          {"Established", "InitialNamesAccepted", "the initial names have been accepted"}
        }) {
      conditions
          .addObject()
          .put("type", c[0])
          .put("status", "True")
          .put("reason", c[1])
          .put("message", c[2])
          .put("lastTransitionTime", now);
    }
    ArrayNode stored = status.putArray("storedVersions");
    spec.path("versions")
        .forEach(
            v -> {
              if (v.path("storage").asBoolean(false)) {
                stored.add(v.path("name").asText());
              }
            });
  }
}
