package dev.onair.operator.restream;

import dev.onair.api.v1alpha1.Restream;
import dev.onair.contract.RelayStatusDocument;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.common.Backoff;
import dev.onair.operator.common.OwnedPods;
import dev.onair.operator.common.PodState;
import dev.onair.operator.telemetry.PollTarget;
import dev.onair.operator.telemetry.TelemetryPoller;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps a Restream's relay pods as planned: deletes what the plan drops, creates what it adds
 * (after the failure backoff), replaces failed pods, and points the poller at running ones.
 */
final class RelayFleet {
  private final OnAirConfig config;
  private final TelemetryPoller<RelayStatusDocument> poller;

  RelayFleet(OnAirConfig config, TelemetryPoller<RelayStatusDocument> poller) {
    this.config = config;
    this.poller = poller;
  }

  /** The relays after this reconcile: endpoint → pod carrying it, and the failure record. */
  record Result(
      Map<String, String> podOfEndpoint, Map<String, Pod> pods, RelayRun run, Duration recheckIn) {}

  Result apply(
      Restream restream,
      Set<Pod> owned,
      Map<String, OutputConfig> outputs,
      String inputUrl,
      RelayRun run,
      Instant now,
      Context<Restream> context) {
    KubernetesClient client = context.getClient();
    Map<String, Map<String, String>> existing = new TreeMap<>();
    Map<String, Pod> live = new TreeMap<>();
    Set<String> terminating = new HashSet<>();
    for (Pod pod : owned) {
      PodState state = PodState.of(pod);
      String name = pod.getMetadata().getName();
      if (state.kind() == PodState.Kind.FAILED) {
        run = run.failed(now, "relay pod " + name + " " + state.failure());
        client.resource(pod).delete();
      } else if (state.kind() == PodState.Kind.TERMINATING) {
        terminating.add(name);
      } else {
        existing.put(name, RelayPodDependent.assignment(pod));
        live.put(name, pod);
      }
    }
    int max =
        restream.getSpec().maxOutputsPerRelay == null ? 6 : restream.getSpec().maxOutputsPerRelay;
    RelayPlan plan = RelayPlanner.plan(existing, outputs, max);
    for (String name : plan.delete()) {
      client.resource(live.remove(name)).delete();
    }
    Duration recheck = null;
    Instant retryAt =
        run.lastFailureAt() == null
            ? now
            : run.lastFailureAt()
                .plus(
                    Backoff.after(
                        run.failures(),
                        config.restarts().initialBackoff(),
                        config.restarts().maxBackoff()));
    Map<String, String> podOfEndpoint = new TreeMap<>();
    for (var pod : live.entrySet()) {
      RelayPodDependent.assignment(pod.getValue())
          .keySet()
          .forEach(e -> podOfEndpoint.put(e, pod.getKey()));
    }
    for (List<OutputConfig> group : plan.create()) {
      Pod desired = RelayPodDependent.desired(restream, group, inputUrl, config);
      String name = desired.getMetadata().getName();
      if (now.isBefore(retryAt)) {
        recheck = Duration.between(now, retryAt);
        continue;
      }
      if (terminating.contains(name)) {
        recheck = Duration.ofSeconds(2);
        continue;
      }
      OwnedPods.create(context, desired);
      live.put(name, desired);
      group.forEach(o -> podOfEndpoint.put(o.endpoint(), name));
    }
    watch(ResourceID.fromResource(restream), live);
    return new Result(podOfEndpoint, live, run, recheck);
  }

  /** Deletes every relay pod of a Restream (stop is pod deletion). */
  void stop(Restream restream, Set<Pod> owned, KubernetesClient client) {
    owned.stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .forEach(p -> client.resource(p).delete());
    poller.forget(ResourceID.fromResource(restream));
  }

  private void watch(ResourceID id, Map<String, Pod> pods) {
    Set<PollTarget> targets = new HashSet<>();
    Map<String, String> ips = new LinkedHashMap<>();
    for (var pod : pods.entrySet()) {
      var status = pod.getValue().getStatus();
      if (status != null && status.getPodIP() != null && "Running".equals(status.getPhase())) {
        ips.put(pod.getKey(), status.getPodIP());
      }
    }
    ips.forEach(
        (name, ip) ->
            targets.add(
                new PollTarget(
                    id,
                    name,
                    "http://" + ip + ":" + config.podHttpPort(),
                    config.telemetry().relayPublishInterval())));
    poller.watch(id, targets);
  }
}
