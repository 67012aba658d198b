package dev.onair.operator.restream;

import dev.onair.api.v1alpha1.OutputStatus;
import dev.onair.api.v1alpha1.RelayAssignment;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamPhase;
import dev.onair.api.v1alpha1.RestreamStatus;
import dev.onair.contract.RelayOutputState;
import dev.onair.contract.RelayStatusDocument;
import dev.onair.operator.common.Conditions;
import dev.onair.operator.common.HealthyStretch;
import dev.onair.operator.telemetry.MeaningfulChange;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Builds a Restream's status, conditions included, in one place. */
final class RestreamStatusFactory {
  static final String READY = "Ready";
  static final String DEGRADED = "Degraded";

  private RestreamStatusFactory() {}

  /** A Restream that sends nothing: stopped, waiting or unable to. */
  static RestreamStatus idle(
      Restream r, RestreamPhase phase, String reason, String message, List<String> skipped) {
    RestreamStatus s = base(r);
    s.phase = phase;
    s.message = message;
    Conditions c = new Conditions(previous(r), s.observedGeneration);
    c.set(READY, false, reason, message);
    c.set(
        DEGRADED,
        !skipped.isEmpty(),
        skipped.isEmpty() ? "NoFailures" : "EndpointsSkipped",
        skipped.isEmpty() ? "no output is failing" : "skipped: " + String.join("; ", skipped));
    s.conditions = c.build();
    s.outputs = "0/0";
    s.outputsLive = 0;
    s.outputsTotal = 0;
    return s;
  }

  /** A Restream with relay pods: per-output state from the relays' /status. */
  static RestreamStatus sending(
      Restream r,
      Map<String, OutputConfig> outputs,
      Map<String, String> podOfEndpoint,
      Map<String, RelayStatusDocument> readings,
      List<String> skipped,
      RelayRun run,
      Duration healthyAfter,
      Instant now) {
    RestreamStatus s = base(r);
    Map<String, List<String>> byPod = new TreeMap<>();
    List<String> failing = new ArrayList<>();
    int live = 0;
    for (String endpoint : outputs.keySet()) {
      String pod = podOfEndpoint.get(endpoint);
      OutputStatus o = new OutputStatus();
      o.endpoint = endpoint;
      o.relayPod = pod;
      o.state = "Pending";
      if (pod != null) {
        byPod.computeIfAbsent(pod, p -> new ArrayList<>()).add(endpoint);
        RelayStatusDocument reading = readings.get(pod);
        if (reading != null && reading.outputs() != null) {
          reading.outputs().stream()
              .filter(x -> endpoint.equals(x.name()))
              .findFirst()
              .ifPresent(
                  x -> {
                    o.state = x.state();
                    o.since = x.since();
                    o.bitrateKbps = shownBitrate(r, endpoint, x.state(), x.bitrateKbps());
                    o.reconnects = x.reconnects();
                    o.lastError = x.lastError();
                  });
        }
      }
      if (RelayOutputState.Live.name().equals(o.state)) {
        live++;
      } else if (RelayOutputState.Failed.name().equals(o.state)
          || RelayOutputState.Reconnecting.name().equals(o.state)) {
        failing.add(endpoint + (o.lastError == null ? "" : " (" + o.lastError + ")"));
      }
      s.outputStatuses.add(o);
    }
    byPod.forEach((pod, endpoints) -> s.relays.add(new RelayAssignment(pod, endpoints)));
    int total = outputs.size();
    s.outputsLive = live;
    s.outputsTotal = total;
    s.outputs = live + "/" + total;
    boolean allLive = live == total && total > 0;
    boolean degraded = !failing.isEmpty() || !skipped.isEmpty();
    // Failures in a row only: every output Live for healthy-after forgives the earlier ones.
    boolean forgiven =
        allLive
            && HealthyStretch.remaining(allLiveSince(s.outputStatuses), healthyAfter, now)
                .map(Duration::isZero)
                .orElse(false);
    RelayRun kept = forgiven ? run.healthy() : run;
    s.restarts = kept.failures() == 0 ? null : kept.failures();
    s.lastFailureAt = kept.lastFailureAt() == null ? null : kept.lastFailureAt().toString();
    s.lastError = kept.lastError();
    if (allLive && !degraded) {
      s.phase = RestreamPhase.Live;
      s.message = "all " + total + " outputs are live";
    } else if (degraded && live > 0) {
      s.phase = RestreamPhase.Degraded;
      s.message = live + " of " + total + " outputs live; " + problems(failing, skipped);
    } else {
      s.phase = RestreamPhase.Starting;
      s.message =
          live
              + " of "
              + total
              + " outputs live"
              + (degraded ? "; " + problems(failing, skipped) : "; connecting");
    }
    Conditions c = new Conditions(previous(r), s.observedGeneration);
    c.set(
        READY,
        allLive && skipped.isEmpty(),
        allLive && skipped.isEmpty() ? "AllOutputsLive" : "OutputsNotLive",
        s.message);
    c.set(
        DEGRADED,
        degraded,
        degraded ? (failing.isEmpty() ? "EndpointsSkipped" : "OutputsFailing") : "NoFailures",
        degraded ? problems(failing, skipped) : "no output is failing");
    s.conditions = c.build();
    return s;
  }

  /**
   * The bitrate to show for an output: the measured one when the state changed or it moved
   * meaningfully, else the one already shown, so a steady output does not rewrite the status on
   * every poll (the exact numbers are in the relay's metrics).
   */
  private static Integer shownBitrate(Restream r, String endpoint, String state, Integer fresh) {
    if (r.getStatus() == null || r.getStatus().outputStatuses == null) {
      return fresh;
    }
    for (OutputStatus shown : r.getStatus().outputStatuses) {
      if (endpoint.equals(shown.endpoint)
          && Objects.equals(state, shown.state)
          && !MeaningfulChange.moved(shown.bitrateKbps, fresh)) {
        return shown.bitrateKbps;
      }
    }
    return fresh;
  }

  /**
   * Since when every output has been Live without a break, by the relays' account (each output's
   * {@code since}); null unless all are Live with a readable time.
   */
  private static Instant allLiveSince(List<OutputStatus> outputs) {
    Instant latest = null;
    for (OutputStatus o : outputs) {
      if (!RelayOutputState.Live.name().equals(o.state) || o.since == null) {
        return null;
      }
      Instant since;
      try {
        since = Instant.parse(o.since);
      } catch (DateTimeParseException e) {
        return null;
      }
      latest = latest == null || since.isAfter(latest) ? since : latest;
    }
    return latest;
  }

  private static String problems(List<String> failing, List<String> skipped) {
    List<String> parts = new ArrayList<>();
    if (!failing.isEmpty()) {
      parts.add("failing: " + String.join(", ", failing));
    }
    if (!skipped.isEmpty()) {
      parts.add("skipped: " + String.join("; ", skipped));
    }
    return String.join("; ", parts);
  }

  private static RestreamStatus base(Restream r) {
    RestreamStatus s = new RestreamStatus();
    s.observedGeneration = r.getMetadata().getGeneration();
    return s;
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> previous(Restream r) {
    return r.getStatus() == null ? List.of() : r.getStatus().conditions;
  }
}
