package dev.onair.operator.restream;

import java.util.List;

/**
 * What to do with a Restream's relay pods: keep some untouched, delete some, create new ones each
 * carrying a group of outputs.
 */
public record RelayPlan(List<String> keep, List<String> delete, List<List<OutputConfig>> create) {}
