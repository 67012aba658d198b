package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** What a media pod is doing, read from its status as the kubelet reports it. */
public record PodState(Kind kind, String failure) {

  /** The states the operator acts on. */
  public enum Kind {
    /** Created, not yet running (scheduling, pulling, starting). */
    STARTING,
    /** Running and passing its readiness probe. */
    READY,
    /** Running but not (or no longer) ready. */
    RUNNING,
    /** Exited; media pods never exit on their own while they should run. */
    FAILED,
    /** Being deleted. */
    TERMINATING
  }

  public static PodState of(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return new PodState(Kind.TERMINATING, null);
    }
    var status = pod.getStatus();
    if (status == null || status.getPhase() == null) {
      return new PodState(Kind.STARTING, null);
    }
    switch (status.getPhase()) {
      case "Failed", "Succeeded":
        return new PodState(Kind.FAILED, failureMessage(pod));
      case "Running":
        boolean ready =
            status.getConditions() != null
                && status.getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return new PodState(ready ? Kind.READY : Kind.RUNNING, null);
      default:
        return new PodState(Kind.STARTING, null);
    }
  }

  /** A sentence from the container's termination state (exit code, reason, last message). */
  static String failureMessage(Pod pod) {
    List<ContainerStatus> containers = pod.getStatus().getContainerStatuses();
    if (containers != null) {
      for (ContainerStatus c : containers) {
        ContainerStateTerminated t = c.getState() == null ? null : c.getState().getTerminated();
        if (t != null) {
          StringBuilder text = new StringBuilder("exited with code " + t.getExitCode());
          if (t.getReason() != null) {
            text.append(" (").append(t.getReason()).append(")");
          }
          if (t.getMessage() != null && !t.getMessage().isBlank()) {
            text.append(": ").append(lastLine(t.getMessage()));
          }
          return text.toString();
        }
      }
    }
    String reason = pod.getStatus().getReason();
    String message = pod.getStatus().getMessage();
    if (reason != null || message != null) {
      return (reason == null ? "" : reason + ": ") + (message == null ? "" : message);
    }
    return "pod " + pod.getStatus().getPhase();
  }

  private static String lastLine(String message) {
    String[] lines = message.strip().split("\n");
    String line = lines[lines.length - 1].strip();
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
