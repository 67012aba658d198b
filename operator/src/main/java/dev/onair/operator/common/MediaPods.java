package dev.onair.operator.common;

import dev.onair.contract.HttpPaths;
import dev.onair.contract.PodPorts;
import dev.onair.operator.OnAirConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What encoder and relay pods share: a hardened container serving the pod contract's HTTP port with
 * health probes, and an immutable pod whose name carries a hash of everything it is made from.
 */
public final class MediaPods {
  private MediaPods() {}

  /** A container of {@code images} serving HTTP on the contract's port, probed on it. */
  public static ContainerBuilder container(String name, OnAirConfig.Images images, int httpPort) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(images.image())
        .withImagePullPolicy(images.pullPolicy())
        .addNewPort()
        .withName(PodPorts.HTTP_PORT_NAME)
        .withContainerPort(httpPort)
        .withProtocol("TCP")
        .endPort()
        .withSecurityContext(PodHardening.container())
        // The container's last log lines become the pod's failure message in status.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath(HttpPaths.READYZ)
        .withPort(new IntOrString(PodPorts.HTTP_PORT_NAME))
        .endHttpGet()
        .withPeriodSeconds(2)
        .endReadinessProbe()
        .withNewLivenessProbe()
        .withNewHttpGet()
        .withPath(HttpPaths.HEALTHZ)
        .withPort(new IntOrString(PodPorts.HTTP_PORT_NAME))
        .endHttpGet()
        .withInitialDelaySeconds(15)
        .withPeriodSeconds(5)
        .withFailureThreshold(3)
        .endLivenessProbe();
  }

  /**
   * An owned pod of {@code component}, named {@code <owner>-<component>-<hash>} where the hash
   * covers the pod spec and {@code contentKey} (what the spec cannot show, such as the digests of
   * mounted files), so any change of either yields a different pod.
   */
  public static Pod pod(
      HasMetadata owner,
      String component,
      Container container,
      List<Volume> volumes,
      String contentKey,
      Map<String, String> annotations,
      String hashAnnotation) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(owner.getMetadata().getNamespace())
            .withLabels(Labels.forComponent(owner, component))
            .endMetadata()
            .withNewSpec()
            // The operator, not the kubelet, replaces failed pods: with backoff and a record.
            .withRestartPolicy("Never")
            .withEnableServiceLinks(false)
            .withAutomountServiceAccountToken(false)
            .withTerminationGracePeriodSeconds(10L)
            .withSecurityContext(PodHardening.pod())
            .withContainers(container)
            .withVolumes(volumes)
            .endSpec()
            .build();
    String hash = Names.sha256(Serialization.asJson(pod.getSpec()) + contentKey).substring(0, 10);
    pod.getMetadata().setName(Names.child(owner.getMetadata().getName(), component + "-" + hash));
    Map<String, String> all = new HashMap<>(annotations);
    all.put(hashAnnotation, hash);
    pod.getMetadata().setAnnotations(all);
    pod.getMetadata().setOwnerReferences(List.of(Owners.controllerRef(owner)));
    return pod;
  }
}
