package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.PushSource;
import dev.onair.contract.HttpPaths;
import dev.onair.contract.PodPorts;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.common.Labels;
import dev.onair.operator.common.Names;
import dev.onair.operator.common.Owners;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Services in front of a LiveStream's encoder: relays read /live.ts through the encoder's
 * ClusterIP Service, and a push source published outside the cluster gets its own ingest Service.
 * They outlive stops, so their addresses stay the same across runs.
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

  /** The name of the Service that publishes a push source's ingest port outside the cluster. */
  public static String ingestName(LiveStream ls) {
    return Names.child(ls.getMetadata().getName(), "ingest");
  }

  /**
   * The encoder's own Service, always ClusterIP: the HTTP port (/live.ts, /status, /metrics) for
   * relays and the operator and, for a push source, the SRT port for pushes from inside the
   * cluster.
   */
  public static Service desired(LiveStream ls, OnAirConfig config) {
    List<ServicePort> ports = new ArrayList<>();
    ports.add(
        new ServicePortBuilder()
            .withName(PodPorts.HTTP_PORT_NAME)
            .withPort(config.podHttpPort())
            .withTargetPort(new IntOrString(PodPorts.HTTP_PORT_NAME))
            .withProtocol("TCP")
            .build());
    if (push(ls) != null) {
      ports.add(srtPort(ls));
    }
    return service(ls, name(ls), "ClusterIP", ports);
  }

  /**
   * For a push source with {@code serviceType} NodePort or LoadBalancer: a Service of that type
   * with the SRT ingest port only, so the encoder's HTTP port is never published on a node or load
   * balancer (and no provider is asked for a mixed TCP/UDP load balancer). Empty otherwise.
   */
  public static Optional<Service> desiredIngest(LiveStream ls) {
    var push = push(ls);
    if (push == null || push.serviceType == null || push.serviceType.name().equals("ClusterIP")) {
      return Optional.empty();
    }
    return Optional.of(service(ls, ingestName(ls), push.serviceType.name(), List.of(srtPort(ls))));
  }

  private static PushSource push(LiveStream ls) {
    return ls.getSpec().source == null ? null : ls.getSpec().source.push;
  }

  private static ServicePort srtPort(LiveStream ls) {
    return new ServicePortBuilder()
        .withName("srt")
        .withPort(EncoderPodDependent.srtPort(ls.getSpec()))
        .withTargetPort(new IntOrString("srt"))
        .withProtocol("UDP")
        .build();
  }

  private static Service service(LiveStream ls, String name, String type, List<ServicePort> ports) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
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
