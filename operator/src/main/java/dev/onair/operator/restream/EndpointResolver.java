package dev.onair.operator.restream;

import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.ObjectRef;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.operator.common.KeyedData;
import dev.onair.operator.common.Names;
import dev.onair.operator.endpoint.EndpointValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds a Restream's Endpoints by name and by label selector, in its own namespace only, and keeps
 * those that can be sent to.
 */
final class EndpointResolver {
  private EndpointResolver() {}

  static ResolvedEndpoints resolve(
      Restream restream,
      Function<String, Optional<Endpoint>> byName,
      List<Endpoint> inNamespace,
      KeyedData secrets) {
    String namespace = restream.getMetadata().getNamespace();
    Map<String, Endpoint> wanted = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    for (ObjectRef ref :
        restream.getSpec().endpointRefs == null
            ? List.<ObjectRef>of()
            : restream.getSpec().endpointRefs) {
      if (ref.namespace != null && !ref.namespace.equals(namespace)) {
        skipped.add(ref.namespace + "/" + ref.name + ": endpoints in other namespaces are refused");
        continue;
      }
      Optional<Endpoint> endpoint = byName.apply(ref.name);
      if (endpoint.isEmpty()) {
        skipped.add(ref.name + ": Endpoint not found");
      } else {
        wanted.put(ref.name, endpoint.get());
      }
    }
    if (restream.getSpec().endpointSelector != null) {
      for (Endpoint e : inNamespace) {
        if (LabelSelectors.matches(
            restream.getSpec().endpointSelector, e.getMetadata().getLabels())) {
          wanted.put(e.getMetadata().getName(), e);
        }
      }
    }
    Map<String, OutputConfig> usable = new TreeMap<>();
    for (var e : wanted.entrySet()) {
      var result = EndpointValidator.validate(e.getValue(), secrets);
      if (!result.usable()) {
        skipped.add(e.getKey() + ": " + result.problem().message());
        continue;
      }
      var spec = e.getValue().getSpec();
      String hashed = spec.url + "|" + ref(spec.streamKeySecretRef) + "|" + result.keyDigest();
      if (spec.passphraseSecretRef != null) {
        // Appended only when set, so outputs without a passphrase keep their hash (and pods).
        hashed += "|" + ref(spec.passphraseSecretRef) + "|" + result.passphraseDigest();
      }
      usable.put(
          e.getKey(),
          new OutputConfig(
              e.getKey(),
              spec.url,
              spec.streamKeySecretRef,
              spec.passphraseSecretRef,
              Names.sha256(hashed).substring(0, 12)));
    }
    return new ResolvedEndpoints(usable, skipped);
  }

  private static String ref(KeyRef ref) {
    return ref == null ? "" : ref.name + "/" + ref.key;
  }
}
