package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a status's conditions in the standard shape, keeping lastTransitionTime when a condition's
 * status did not change so an unchanged world writes an unchanged status.
 */
public final class Conditions {
  private final List<Condition> previous;
  private final long generation;
  private final List<Condition> built = new ArrayList<>();

  public Conditions(List<Condition> previous, Long generation) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation == null ? 0 : generation;
  }

  /** Adds or replaces condition {@code type}. */
  public Conditions set(String type, boolean status, String reason, String message) {
    String value = status ? "True" : "False";
    String since =
        find(previous, type)
            .filter(c -> value.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    built.removeIf(c -> c.getType().equals(type));
    built.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(since)
            .withObservedGeneration(generation)
            .build());
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(built);
  }

  /** The condition of {@code type}, if present. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> Objects.equals(c.getType(), type)).findFirst();
  }

  /** Whether condition {@code type} is present and True. */
  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
