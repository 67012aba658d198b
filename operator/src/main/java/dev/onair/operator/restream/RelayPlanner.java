package dev.onair.operator.restream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Packs outputs into relay pods so that changes disturb as few outputs as possible. Pods are
 * immutable, so a pod is either kept exactly as it is or replaced:
 *
 * <ul>
 *   <li>a pod whose outputs are all still wanted, unchanged, is kept (its uid, its sessions);
 *   <li>a pod that lost or changed an output is replaced by one carrying its remaining outputs;
 *   <li>new outputs first join pods being replaced anyway, then a kept pod with room (which is then
 *       replaced), then new pods.
 * </ul>
 */
public final class RelayPlanner {
  private RelayPlanner() {}

  /**
   * @param existing each current relay pod's name → its outputs (endpoint → config hash)
   * @param desired the outputs that should be sent, by endpoint name
   * @param maxPerPod the most outputs one pod carries
   */
  public static RelayPlan plan(
      Map<String, Map<String, String>> existing, Map<String, OutputConfig> desired, int maxPerPod) {
    List<String> keep = new ArrayList<>();
    List<String> delete = new ArrayList<>();
    List<List<OutputConfig>> create = new ArrayList<>();
    Map<String, OutputConfig> unplaced = new TreeMap<>(desired);

    Map<String, Map<String, String>> sorted = new TreeMap<>(existing);
    Map<String, Integer> keptWithRoom = new LinkedHashMap<>();
    for (var pod : sorted.entrySet()) {
      Map<String, String> outputs = pod.getValue();
      boolean intact =
          !outputs.isEmpty()
              && outputs.size() <= maxPerPod
              && outputs.entrySet().stream()
                  .allMatch(
                      o ->
                          desired.containsKey(o.getKey())
                              && unplaced.containsKey(o.getKey())
                              && Objects.equals(
                                  desired.get(o.getKey()).configHash(), o.getValue()));
      if (intact) {
        keep.add(pod.getKey());
        outputs.keySet().forEach(unplaced::remove);
        if (outputs.size() < maxPerPod) {
          keptWithRoom.put(pod.getKey(), maxPerPod - outputs.size());
        }
      } else {
        delete.add(pod.getKey());
        List<OutputConfig> survivors = new ArrayList<>();
        for (String endpoint : new TreeMap<>(outputs).keySet()) {
          OutputConfig config = unplaced.remove(endpoint);
          if (config != null) {
            survivors.add(config);
          }
        }
        if (!survivors.isEmpty()) {
          create.addAll(chunks(survivors, maxPerPod));
        }
      }
    }

    // New outputs: into pods being created anyway, then into a kept pod with room, then new pods.
    for (List<OutputConfig> group : create) {
      while (group.size() < maxPerPod && !unplaced.isEmpty()) {
        group.add(take(unplaced));
      }
    }
    for (var room : keptWithRoom.entrySet()) {
      if (unplaced.isEmpty()) {
        break;
      }
      String pod = room.getKey();
      List<OutputConfig> group = new ArrayList<>();
      for (String endpoint : new TreeMap<>(sorted.get(pod)).keySet()) {
        group.add(desired.get(endpoint));
      }
      while (group.size() < maxPerPod && !unplaced.isEmpty()) {
        group.add(take(unplaced));
      }
      keep.remove(pod);
      delete.add(pod);
      create.add(group);
    }
    List<OutputConfig> rest = new ArrayList<>(unplaced.values());
    create.addAll(chunks(rest, maxPerPod));
    return new RelayPlan(keep, delete, create);
  }

  private static OutputConfig take(Map<String, OutputConfig> unplaced) {
    String first = unplaced.keySet().iterator().next();
    return unplaced.remove(first);
  }

  private static List<List<OutputConfig>> chunks(List<OutputConfig> outputs, int size) {
    List<List<OutputConfig>> groups = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i += size) {
      groups.add(new ArrayList<>(outputs.subList(i, Math.min(outputs.size(), i + size))));
    }
    return groups;
  }
}
