package dev.onair.operator.metrics;

import dev.onair.operator.telemetry.Pollers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus series for what people alert on, in the kube-state-metrics style: one series with
 * value 1 per resource for its current phase ({@code onair_livestream_phase}, {@code
 * onair_restream_phase}) and per output for its state ({@code onair_restream_output_state}). Counts
 * by phase are {@code sum by (phase)}.
 */
@ApplicationScoped
public class StateMetrics {
  private final Map<Key, String> liveStreams = new ConcurrentHashMap<>();
  private final Map<Key, String> restreams = new ConcurrentHashMap<>();
  private final Map<OutputKey, String> outputs = new ConcurrentHashMap<>();
  private final MultiGauge liveStreamPhase;
  private final MultiGauge restreamPhase;
  private final MultiGauge outputState;

  private record Key(String namespace, String name) {}

  private record OutputKey(String namespace, String restream, String endpoint) {}

  public StateMetrics(MeterRegistry registry, Pollers pollers) {
    liveStreamPhase =
        MultiGauge.builder("onair.livestream.phase")
            .description("1 for the current phase of each LiveStream")
            .register(registry);
    restreamPhase =
        MultiGauge.builder("onair.restream.phase")
            .description("1 for the current phase of each Restream")
            .register(registry);
    outputState =
        MultiGauge.builder("onair.restream.output.state")
            .description("1 for the current state of each Restream output")
            .register(registry);
    Gauge.builder("onair.telemetry.unreachable.pods", pollers, p -> p.encoders().unreachable())
        .tag("kind", "encoder")
        .description("Pods whose last /status polls failed")
        .register(registry);
    Gauge.builder("onair.telemetry.unreachable.pods", pollers, p -> p.relays().unreachable())
        .tag("kind", "relay")
        .description("Pods whose last /status polls failed")
        .register(registry);
  }

  /** Records a LiveStream's phase (null removes it); synchronized: MultiGauge is not. */
  public synchronized void liveStream(HasMetadata resource, Object phase) {
    if (put(liveStreams, key(resource), phase)) {
      liveStreamPhase.register(rows(liveStreams, "phase"), true);
    }
  }

  /** Records a Restream's phase and its outputs' states (null phase removes it). */
  public synchronized void restream(
      HasMetadata resource, Object phase, Map<String, String> outputStates) {
    Key key = key(resource);
    boolean changed = put(restreams, key, phase);
    if (changed) {
      restreamPhase.register(rows(restreams, "phase"), true);
    }
    Map<OutputKey, String> wanted = new java.util.HashMap<>();
    if (phase != null) {
      outputStates.forEach(
          (endpoint, state) ->
              wanted.put(new OutputKey(key.namespace(), key.name(), endpoint), state));
    }
    boolean outputsChanged =
        outputs
            .keySet()
            .removeIf(
                k ->
                    k.namespace().equals(key.namespace())
                        && k.restream().equals(key.name())
                        && !wanted.containsKey(k));
    for (var e : wanted.entrySet()) {
      outputsChanged |= !Objects.equals(outputs.put(e.getKey(), e.getValue()), e.getValue());
    }
    if (outputsChanged) {
      outputState.register(
          outputs.entrySet().stream()
              .map(
                  e ->
                      MultiGauge.Row.of(
                          Tags.of(
                              "namespace", e.getKey().namespace(),
                              "restream", e.getKey().restream(),
                              "endpoint", e.getKey().endpoint(),
                              "state", e.getValue()),
                          1))
              .toList(),
          true);
    }
  }

  private static Key key(HasMetadata r) {
    return new Key(r.getMetadata().getNamespace(), r.getMetadata().getName());
  }

  private static boolean put(Map<Key, String> map, Key key, Object phase) {
    if (phase == null) {
      return map.remove(key) != null;
    }
    return !Objects.equals(map.put(key, phase.toString()), phase.toString());
  }

  private static List<MultiGauge.Row<?>> rows(Map<Key, String> map, String tag) {
    return map.entrySet().stream()
        .<MultiGauge.Row<?>>map(
            e ->
                MultiGauge.Row.of(
                    Tags.of(
                        "namespace",
                        e.getKey().namespace(),
                        "name",
                        e.getKey().name(),
                        tag,
                        e.getValue()),
                    1))
        .toList();
  }
}
