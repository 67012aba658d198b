package dev.onair.operator.restream;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * Sizes a relay pod from its number of outputs. A copy fan-out costs about 1.4% of a core per 3
 * Mb/s output (relay benchmark, docs/benchmarks.md) plus the input read; memory holds one bounded
 * packet queue per output on top of the JVM.
 */
public final class RelaySizing {
  static final int BASE_MILLICORES = 10;
  static final int MILLICORES_PER_OUTPUT = 20;
  static final int BASE_MEMORY_MI = 192;
  static final int MEMORY_MI_PER_OUTPUT = 16;

  private RelaySizing() {}

  public static ResourceRequirements resources(int outputs) {
    int cpu = BASE_MILLICORES + MILLICORES_PER_OUTPUT * outputs;
    int memory = BASE_MEMORY_MI + MEMORY_MI_PER_OUTPUT * outputs;
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity(cpu + "m"))
        .addToRequests("memory", new Quantity(memory + "Mi"))
        .addToLimits("cpu", new Quantity(cpu * 4 + "m"))
        .addToLimits("memory", new Quantity(memory * 2 + "Mi"))
        .build();
  }
}
