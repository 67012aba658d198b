package dev.onair.operator.restream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RelayPlannerTest {

  static Map<String, OutputConfig> outputs(int n) {
    Map<String, OutputConfig> m = new TreeMap<>();
    IntStream.rangeClosed(1, n).forEach(i -> m.put("ep" + i, config("ep" + i, "h")));
    return m;
  }

  static OutputConfig config(String name, String hash) {
    return new OutputConfig(name, "rtmp://ingest/" + name, null, hash);
  }

  static Map<String, String> pod(String... endpoints) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String e : endpoints) {
      m.put(e, "h");
    }
    return m;
  }

  static List<List<String>> names(List<List<OutputConfig>> groups) {
    return groups.stream()
        .map(g -> g.stream().map(OutputConfig::endpoint).collect(Collectors.toList()))
        .toList();
  }

  @Test
  void eightOutputsMakeTwoPodsOfSixAndTwo() {
    RelayPlan plan = RelayPlanner.plan(Map.of(), outputs(8), 6);
    assertThat(plan.keep()).isEmpty();
    assertThat(plan.create()).extracting(List::size).containsExactly(6, 2);
  }

  @Test
  void removingOneOutputReplacesOnlyThePodThatCarriedIt() {
    var existing =
        Map.of(
            "a", pod("ep1", "ep2", "ep3", "ep4", "ep5", "ep6"),
            "b", pod("ep7", "ep8"));
    var desired = outputs(8);
    desired.remove("ep3");
    RelayPlan plan = RelayPlanner.plan(existing, desired, 6);
    assertThat(plan.keep()).containsExactly("b");
    assertThat(plan.delete()).containsExactly("a");
    assertThat(names(plan.create())).containsExactly(List.of("ep1", "ep2", "ep4", "ep5", "ep6"));
  }

  @Test
  void aNinthOutputLandsInThePodWithRoomAndTheFullPodIsUntouched() {
    var existing =
        Map.of(
            "a", pod("ep1", "ep2", "ep3", "ep4", "ep5", "ep6"),
            "b", pod("ep7", "ep8"));
    RelayPlan plan = RelayPlanner.plan(existing, outputs(9), 6);
    assertThat(plan.keep()).containsExactly("a");
    assertThat(plan.delete()).containsExactly("b");
    assertThat(names(plan.create())).containsExactly(List.of("ep7", "ep8", "ep9"));
  }

  @Test
  void aChangedOutputReplacesItsPodOnly() {
    var existing = Map.of("a", pod("ep1", "ep2"), "b", pod("ep3"));
    var desired = outputs(3);
    desired.put("ep2", config("ep2", "new-key"));
    RelayPlan plan = RelayPlanner.plan(existing, desired, 2);
    assertThat(plan.keep()).containsExactly("b");
    assertThat(plan.delete()).containsExactly("a");
    assertThat(names(plan.create())).containsExactly(List.of("ep1", "ep2"));
  }

  @Test
  void anUnchangedWorldPlansNothing() {
    var existing =
        Map.of("a", pod("ep1", "ep2", "ep3", "ep4", "ep5", "ep6"), "b", pod("ep7", "ep8"));
    RelayPlan plan = RelayPlanner.plan(existing, outputs(8), 6);
    assertThat(plan.keep()).containsExactlyInAnyOrder("a", "b");
    assertThat(plan.delete()).isEmpty();
    assertThat(plan.create()).isEmpty();
  }

  @Test
  void noOutputsMeansNoPods() {
    RelayPlan plan = RelayPlanner.plan(Map.of("a", pod("ep1")), Map.of(), 6);
    assertThat(plan.delete()).containsExactly("a");
    assertThat(plan.create()).isEmpty();
  }
}
