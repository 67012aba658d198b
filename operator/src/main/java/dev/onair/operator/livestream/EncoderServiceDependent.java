package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.contract.HttpPaths;
import dev.onair.contract.PodPorts;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.common.Labels;
import dev.onair.operator.common.Names;
import dev.onair.operator.common.Owners;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;

/**
 * The Service in front of a LiveStream's encoder: relays read /live.ts through it and OBS pushes to
 * it. It outlives stops, so its address stays the same across runs.
 */
public final class EncoderServiceDependent {
  private EncoderServiceDependent() {}

  /** The Service name of a LiveStream's encoder. */
  public static String name(LiveStream ls) {
    return Names.child(ls.getMetadata().getName(), EncoderPodDependent.COMPONENT);
  }

  /** The URL relays read the encoded stream from. */
  public static String streamUrl(LiveStream ls, OnAirConfig config) {
    return "http://"
        + name(ls)
        + "."
        + ls.getMetadata().getNamespace()
        + ".svc:"
        + config.podHttpPort()
        + HttpPaths.LIVE_TS;
  }

  public static Service desired(LiveStream ls, OnAirConfig config) {
    var ports = new java.util.ArrayList<io.fabric8.kubernetes.api.model.ServicePort>();
    ports.add(
        new ServicePortBuilder()
            .withName(PodPorts.HTTP_PORT_NAME)
            .withPort(config.podHttpPort())
            .withTargetPort(new IntOrString(PodPorts.HTTP_PORT_NAME))
            .withProtocol("TCP")
            .build());
    String type = "ClusterIP";
    var push = ls.getSpec().source == null ? null : ls.getSpec().source.push;
    if (push != null) {
      int port = EncoderPodDependent.srtPort(ls.getSpec());
      ports.add(
          new ServicePortBuilder()
              .withName("srt")
              .withPort(port)
              .withTargetPort(new IntOrString("srt"))
              .withProtocol("UDP")
              .build());
      type = push.serviceType == null ? "ClusterIP" : push.serviceType.name();
    }
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name(ls))
        .withNamespace(ls.getMetadata().getNamespace())
        .withLabels(Labels.forComponent(ls, EncoderPodDependent.COMPONENT))
        .withOwnerReferences(List.of(Owners.controllerRef(ls)))
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withSelector(Labels.selector(ls, EncoderPodDependent.COMPONENT))
        .withPorts(ports)
        .endSpec()
        .build();
  }

  /** Whether an existing Service already serves what {@code desired} describes. */
  public static boolean matches(Service actual, Service desired) {
    return actual.getSpec() != null
        && desired.getSpec().getType().equals(actual.getSpec().getType())
        && desired.getSpec().getSelector().equals(actual.getSpec().getSelector())
        && samePorts(actual, desired);
  }

  private static boolean samePorts(Service actual, Service desired) {
    var a = actual.getSpec().getPorts();
    var d = desired.getSpec().getPorts();
    if (a == null || a.size() != d.size()) {
      return false;
    }
    for (int i = 0; i < d.size(); i++) {
      if (!d.get(i).getName().equals(a.get(i).getName())
          || !d.get(i).getPort().equals(a.get(i).getPort())
          || !d.get(i).getProtocol().equals(a.get(i).getProtocol())) {
        return false;
      }
    }
    return true;
  }
}
