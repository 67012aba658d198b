package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches the ConfigMaps and Secrets a kind references, so that creating or fixing one later
 * reconciles the resources that use it without anyone touching them. The primary cache is indexed
 * by reference, so a change finds its users without a scan.
 */
public final class References {
  private References() {}

  /** Index key of a referenced object. */
  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** An informer on {@code type} that maps each object to the primaries whose index names it. */
  public static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> watch(
      Class<R> type,
      EventSourceContext<P> context,
      String index,
      Function<P, List<String>> referencedKeys) {
    context.getPrimaryCache().addIndexer(index, referencedKeys);
    var config =
        InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
            .withName(index)
            .withSecondaryToPrimaryMapper(
                (R object) ->
                    context
                        .getPrimaryCache()
                        .byIndex(
                            index,
                            key(
                                object.getMetadata().getNamespace(),
                                object.getMetadata().getName()))
                        .stream()
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((P primary) -> Set.<ResourceID>of())
            .build();
    return new InformerEventSource<>(config, context);
  }

  /** Reads referenced objects from the ConfigMap and Secret informer caches of a reconcile. */
  public static <P extends HasMetadata> KeyedData keyedData(Context<P> context, String namespace) {
    var retriever = context.eventSourceRetriever();
    var configMaps =
        (InformerEventSource<ConfigMap, P>) retriever.getEventSourceFor(ConfigMap.class);
    var secrets = (InformerEventSource<Secret, P>) retriever.getEventSourceFor(Secret.class);
    return new KeyedData(
        name -> configMaps.get(new ResourceID(name, namespace)),
        name -> secrets.get(new ResourceID(name, namespace)));
  }
}
