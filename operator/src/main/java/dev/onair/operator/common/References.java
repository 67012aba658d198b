package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps changes of the consented ConfigMaps and Secrets to the resources that reference them, so
 * that creating, fixing or labelling one later reconciles its users without anyone touching them.
 * The primary cache is indexed by reference, so a change finds its users without a scan.
 */
public final class References {
  private References() {}

  /** Index key of a referenced object. */
  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * Reconciles the primaries that reference a consented ConfigMap (through {@code configMapIndex})
   * or Secret (through {@code secretIndex}) when it changes; each index lists the {@link #key}s a
   * primary references.
   */
  public static <P extends HasMetadata> ConsentedObjectsEventSource<P> watch(
      EventSourceContext<P> context,
      ConsentedObjects objects,
      String configMapIndex,
      Function<P, List<String>> referencedConfigMaps,
      String secretIndex,
      Function<P, List<String>> referencedSecrets) {
    context.getPrimaryCache().addIndexer(configMapIndex, referencedConfigMaps);
    context.getPrimaryCache().addIndexer(secretIndex, referencedSecrets);
    return new ConsentedObjectsEventSource<>(
        configMapIndex + "+" + secretIndex,
        objects,
        object ->
            context
                .getPrimaryCache()
                .byIndex(
                    object instanceof Secret ? secretIndex : configMapIndex,
                    key(object.getMetadata().getNamespace(), object.getMetadata().getName()))
                .stream()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()));
  }
}
