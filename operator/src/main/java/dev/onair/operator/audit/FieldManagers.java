package dev.onair.operator.audit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Reads from {@code metadata.managedFields} who last wrote a resource's spec. */
final class FieldManagers {
  static final String UNKNOWN = "unknown";

  private FieldManagers() {}

  /**
   * The manager (kubectl, argocd-controller, helm…) of the most recent write that owns spec fields;
   * writes to the status subresource do not count.
   */
  static String specWriter(HasMetadata resource) {
    List<ManagedFieldsEntry> entries = resource.getMetadata().getManagedFields();
    if (entries == null) {
      return UNKNOWN;
    }
    return entries.stream()
        .filter(e -> e.getSubresource() == null || e.getSubresource().isEmpty())
        .filter(FieldManagers::ownsSpec)
        .max(Comparator.comparing(e -> Objects.requireNonNullElse(e.getTime(), "")))
        .map(ManagedFieldsEntry::getManager)
        .filter(m -> m != null && !m.isBlank())
        .orElse(UNKNOWN);
  }

  private static boolean ownsSpec(ManagedFieldsEntry entry) {
    return entry.getFieldsV1() != null
        && entry.getFieldsV1().getAdditionalProperties() != null
        && entry.getFieldsV1().getAdditionalProperties().containsKey("f:spec");
  }
}
