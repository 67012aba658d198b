package dev.onair.operator;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Plays the kubelet's part in tests: reports pods as running, ready or failed. */
public final class Kubelet {
  private Kubelet() {}

  /** Marks a pod Running and Ready at {@code ip}. */
  public static Pod ready(KubernetesClient client, Pod pod, String ip) {
    PodCondition ready = new PodCondition();
    ready.setType("Ready");
    ready.setStatus("True");
    return setStatus(
        client,
        pod,
        new PodStatusBuilder()
            .withPhase("Running")
            .withPodIP(ip)
            .withConditions(List.of(ready))
            .build());
  }

  /** Marks a pod Failed: its container exited with {@code exitCode} and {@code message}. */
  public static Pod failed(KubernetesClient client, Pod pod, int exitCode, String message) {
    return setStatus(
        client,
        pod,
        new PodStatusBuilder()
            .withPhase("Failed")
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName(pod.getSpec().getContainers().get(0).getName())
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(exitCode)
                    .withReason("Error")
                    .withMessage(message)
                    .endTerminated()
                    .endState()
                    .build())
            .build());
  }

  private static Pod setStatus(KubernetesClient client, Pod pod, PodStatus status) {
    Pod fresh =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .get();
    fresh.setStatus(status);
    return client.resource(fresh).updateStatus();
  }
}
