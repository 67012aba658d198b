package dev.onair.operator.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/** Created, spec changed and deleted: the same for every kind. */
final class Lifecycle {
  private Lifecycle() {}

  /**
   * Records Created when there was no status before, or SpecChanged (with the field manager that
   * wrote it) when the status moves to a new generation.
   */
  static void createdOrChanged(
      Recorder r, HasMetadata resource, boolean firstStatus, Long observedBefore) {
    Long generation = resource.getMetadata().getGeneration();
    if (firstStatus) {
      r.add(
          "Created",
          "Created",
          false,
          resource.getKind() + " created",
          FieldManagers.specWriter(resource),
          null,
          null,
          null);
    } else if (generation != null && !Objects.equals(observedBefore, generation)) {
      String manager = FieldManagers.specWriter(resource);
      r.add(
          "SpecChanged/" + generation,
          "SpecChanged",
          false,
          "spec changed (generation " + generation + ") by " + manager,
          manager,
          null,
          null,
          null);
    }
  }

  static void deleted(Recorder r, HasMetadata resource) {
    r.add(
        "Deleted", "Deleted", false, resource.getKind() + " deleted", "deletion", null, null, null);
  }
}
