package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStreamPhase;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;

/**
 * What one reconcile decided: the phase with a reason and a sentence for people, the encoder pod
 * that should be running (if any), and when to look again.
 */
record Outcome(
    LiveStreamPhase phase,
    String reason,
    String message,
    Pod pod,
    RunRecord run,
    Duration recheckIn) {}
