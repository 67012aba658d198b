package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.DesiredState;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.contract.EncoderEnv;
import dev.onair.contract.EncoderState;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.common.Backoff;
import dev.onair.operator.common.HealthyStretch;
import dev.onair.operator.common.OwnedPods;
import dev.onair.operator.common.PodState;
import dev.onair.operator.telemetry.EncoderReading;
import dev.onair.operator.telemetry.PollTarget;
import dev.onair.operator.telemetry.TelemetryPoller;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a LiveStream's encoder pod should exist and acts on it: stop is pod deletion, a
 * failed pod is replaced with exponential backoff, a changed spec replaces the pod, and the
 * schedule creates and deletes it at its times.
 */
final class EncoderLifecycle {
  private final OnAirConfig config;
  private final TelemetryPoller<EncoderReading> poller;
  private final Clock clock;

  EncoderLifecycle(OnAirConfig config, TelemetryPoller<EncoderReading> poller, Clock clock) {
    this.config = config;
    this.poller = poller;
    this.clock = clock;
  }

  Outcome reconcile(
      LiveStream ls,
      Set<Pod> ownedPods,
      LiveStreamValidator.Result validation,
      Context<LiveStream> context) {
    KubernetesClient client = context.getClient();
    Instant now = clock.instant();
    ResourceID id = ResourceID.fromResource(ls);
    var status = ls.getStatus();
    long generation =
        ls.getMetadata().getGeneration() == null ? 0 : ls.getMetadata().getGeneration();
    // A refused edit is not applied: while the pod of the last good spec keeps running, so does
    // its run (start, failures), and nothing is stopped. Any applied edit starts a fresh record.
    boolean keepsOlderSpec =
        !validation.valid()
            && ls.getSpec().state != DesiredState.Stopped
            && ownedPods.stream()
                .map(p -> PodState.of(p).kind())
                .anyMatch(k -> k != PodState.Kind.FAILED && k != PodState.Kind.TERMINATING);
    RunRecord stored = RunRecord.from(status, generation);
    RunRecord run = keepsOlderSpec ? stored : stored.forGeneration(generation);
    List<Pod> pods = new ArrayList<>();
    for (Pod pod : ownedPods) {
      PodState state = PodState.of(pod);
      if (state.kind() == PodState.Kind.FAILED) {
        run = run.failed(now, "pod " + pod.getMetadata().getName() + " " + state.failure());
        delete(client, pod);
      } else {
        pods.add(pod);
      }
    }

    if (ls.getSpec().state == DesiredState.Stopped) {
      return stopped(
          client,
          id,
          pods,
          LiveStreamPhase.Stopped,
          "StoppedBySpec",
          "stopped (spec.state is Stopped)",
          run.ended(),
          null);
    }
    if (!validation.valid()) {
      return invalid(ls, id, pods, validation, run);
    }
    boolean sameGeneration =
        status != null && Long.valueOf(generation).equals(status.observedGeneration);
    if (sameGeneration && status.phase == LiveStreamPhase.Completed) {
      return stopped(
          client, id, pods, LiveStreamPhase.Completed, "ScheduleEnded", status.message, run, null);
    }
    ScheduleWindow window = ScheduleWindow.of(ls.getSpec().schedule, run.startedAt());
    switch (window.position(now)) {
      case BEFORE:
        return stopped(
            client,
            id,
            pods,
            LiveStreamPhase.Scheduled,
            "Scheduled",
            "goes on air at " + window.start(),
            run,
            window.untilNextBoundary(now).orElse(null));
      case AFTER:
        return stopped(
            client,
            id,
            pods,
            LiveStreamPhase.Completed,
            "ScheduleEnded",
            "went off air at " + window.stop() + " as scheduled",
            run.ended(),
            null);
      default:
        break;
    }
    if (run.failures() >= config.restarts().maxFailures()) {
      return stopped(
          client,
          id,
          pods,
          LiveStreamPhase.Failed,
          "EncoderFailing",
          "the encoder failed "
              + run.failures()
              + " times in a row, last: "
              + run.lastError()
              + ". Fix the cause, then change the spec to try again",
          run,
          null);
    }
    EncoderSettings settings = EncoderSettings.of(ls.getSpec());
    Pod desired = EncoderPodDependent.desired(ls, settings, validation.digests(), config);
    Outcome outcome = runPod(ls, id, pods, desired, run, now, context);
    Duration untilBoundary = window.untilNextBoundary(now).orElse(null);
    return untilBoundary == null
            || outcome.recheckIn() != null && outcome.recheckIn().compareTo(untilBoundary) < 0
        ? outcome
        : new Outcome(
            outcome.phase(),
            outcome.reason(),
            outcome.message(),
            outcome.pod(),
            outcome.run(),
            untilBoundary);
  }

  private Outcome runPod(
      LiveStream ls,
      ResourceID id,
      List<Pod> pods,
      Pod desired,
      RunRecord run,
      Instant now,
      Context<LiveStream> context) {
    KubernetesClient client = context.getClient();
    String name = desired.getMetadata().getName();
    Pod current = null;
    boolean oldStillTerminating = false;
    for (Pod pod : pods) {
      if (!pod.getMetadata().getName().equals(name)) {
        delete(client, pod); // made from an older spec: pods are immutable, so replace it
      } else if (PodState.of(pod).kind() == PodState.Kind.TERMINATING) {
        oldStillTerminating = true;
      } else {
        current = pod;
      }
    }
    if (current == null) {
      poller.forget(id);
      if (oldStillTerminating) {
        return new Outcome(
            LiveStreamPhase.Starting,
            "Replacing",
            "waiting for the previous encoder pod to end",
            null,
            run,
            Duration.ofSeconds(2));
      }
      if (run.failures() > 0 && run.lastFailureAt() != null) {
        Instant retryAt =
            run.lastFailureAt()
                .plus(
                    Backoff.after(
                        run.failures(),
                        config.restarts().initialBackoff(),
                        config.restarts().maxBackoff()));
        if (now.isBefore(retryAt)) {
          Duration wait = Duration.between(now, retryAt);
          return new Outcome(
              LiveStreamPhase.Starting,
              "BackingOff",
              "the encoder failed ("
                  + run.lastError()
                  + "); replacing it in "
                  + Math.max(1, wait.toSeconds())
                  + "s (failure "
                  + run.failures()
                  + " of "
                  + config.restarts().maxFailures()
                  + ")",
              null,
              run,
              wait);
        }
      }
      OwnedPods.create(context, desired);
      return new Outcome(
          LiveStreamPhase.Starting,
          "PodCreated",
          "encoder pod " + name + " created",
          desired,
          run.started(now),
          null);
    }
    return observe(ls, id, current, run.started(now), now);
  }

  private Outcome observe(LiveStream ls, ResourceID id, Pod pod, RunRecord run, Instant now) {
    String name = pod.getMetadata().getName();
    PodState state = PodState.of(pod);
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    if (state.kind() == PodState.Kind.STARTING || ip == null) {
      poller.forget(id);
      return new Outcome(
          LiveStreamPhase.Starting,
          "PodStarting",
          "encoder pod " + name + " is starting",
          pod,
          run,
          null);
    }
    Duration publishEvery = publishInterval(pod);
    poller.watch(
        id,
        Set.of(
            new PollTarget(id, name, "http://" + ip + ":" + config.podHttpPort(), publishEvery)));
    EncoderReading reading = poller.readings(id).get(name);
    if (state.kind() != PodState.Kind.READY || reading == null || reading.status() == null) {
      return new Outcome(
          LiveStreamPhase.Starting,
          "WaitingForFrames",
          "waiting for the encoder's first frames",
          pod,
          run,
          null);
    }
    String reported = Optional.ofNullable(reading.status().state()).orElse("");
    if (EncoderState.Live.name().equals(reported)) {
      return onAir(ls, pod, run, now);
    }
    if (EncoderState.SourceLost.name().equals(reported)) {
      return new Outcome(
          LiveStreamPhase.SourceLost,
          "SourceLost",
          "the source is lost; the slate is on air until it returns",
          pod,
          run,
          null);
    }
    return new Outcome(
        LiveStreamPhase.Starting,
        "WaitingForFrames",
        "waiting for the encoder's first frames",
        pod,
        run,
        null);
  }

  private Outcome invalid(
      LiveStream ls,
      ResourceID id,
      List<Pod> pods,
      LiveStreamValidator.Result validation,
      RunRecord run) {
    var problem = validation.problem();
    Optional<Pod> running =
        pods.stream().filter(p -> PodState.of(p).kind() != PodState.Kind.TERMINATING).findFirst();
    if (running.isEmpty() || ls.getSpec().state == DesiredState.Stopped) {
      poller.forget(id);
      return new Outcome(
          LiveStreamPhase.Failed, problem.reason(), problem.message(), null, run, null);
    }
    // A bad edit must not take a running broadcast off air: keep the pod made from the last good
    // spec and say the change was not applied.
    Instant now = clock.instant();
    Outcome current = observe(ls, id, running.get(), run.started(now), now);
    return new Outcome(
        current.phase(),
        problem.reason(),
        "spec change not applied, still running the previous one: " + problem.message(),
        current.pod(),
        current.run(),
        current.recheckIn());
  }

  /**
   * Live: once the stream has been on air for {@code healthy-after} without a break, the failures
   * before were not in a row with any later one, so their count (and the backoff) is cleared. Until
   * then, look again when that moment comes, so the status shows it on time.
   */
  private Outcome onAir(LiveStream ls, Pod pod, RunRecord run, Instant now) {
    Duration recheck = null;
    if (run.failures() > 0) {
      Optional<Duration> left =
          HealthyStretch.remaining(
              LiveStreamStatusFactory.liveSince(ls.getStatus()),
              config.restarts().healthyAfter(),
              now);
      if (left.isPresent() && left.get().isZero()) {
        run = run.healthy();
      } else {
        // Not yet, or going Live with this very reconcile (the stored status is not Live yet).
        recheck = left.orElse(config.restarts().healthyAfter()).plusMillis(100);
      }
    }
    return new Outcome(LiveStreamPhase.Live, "OnAir", "on air", pod, run, recheck);
  }

  private Outcome stopped(
      KubernetesClient client,
      ResourceID id,
      List<Pod> pods,
      LiveStreamPhase phase,
      String reason,
      String message,
      RunRecord run,
      Duration recheckIn) {
    pods.forEach(p -> delete(client, p));
    poller.forget(id);
    return new Outcome(phase, reason, message, null, run, recheckIn);
  }

  /** The thumbnail interval the encoder really uses: the one in its pod's environment. */
  private static Duration publishInterval(Pod pod) {
    return pod.getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> EncoderEnv.THUMBNAIL_INTERVAL_SECONDS.equals(e.getName()))
        .findFirst()
        .map(e -> Duration.ofSeconds(Integer.parseInt(e.getValue())))
        .orElse(Duration.ofSeconds(EncoderEnv.DEFAULT_THUMBNAIL_INTERVAL_SECONDS));
  }

  private static void delete(KubernetesClient client, Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() == null) {
      client.resource(pod).delete();
    }
  }
}
