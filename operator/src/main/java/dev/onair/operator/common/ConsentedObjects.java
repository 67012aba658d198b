package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Secrets and ConfigMaps OnAir may use: only those labelled {@value #LABEL}{@code ="true"} by
 * someone allowed to label them. One label-filtered informer per kind (per watched namespace)
 * serves every controller, so the operator's memory holds the consented objects and nothing else,
 * and a reference to any other Secret reads as not found — nothing of it is mounted or sent.
 */
@ApplicationScoped
public class ConsentedObjects {
  /** The opt-in label; RBAC cannot restrict reads by label, so the operator enforces it. */
  public static final String LABEL = "streaming.onair.dev/usable";

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final List<SharedIndexInformer<Secret>> secrets = new ArrayList<>();
  private final List<SharedIndexInformer<ConfigMap>> configMaps = new ArrayList<>();
  private final List<Consumer<HasMetadata>> listeners = new CopyOnWriteArrayList<>();
  private boolean started;

  public ConsentedObjects(
      KubernetesClient client,
      @ConfigProperty(name = "quarkus.operator-sdk.namespaces") Optional<List<String>> watched) {
    this.client = client;
    this.namespaces = WatchedNamespaces.of(watched);
  }

  /** Starts the informers once and returns when their caches are filled. */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    if (namespaces.isEmpty()) {
      secrets.add(inform(client.secrets().inAnyNamespace().withLabel(LABEL, "true")));
      configMaps.add(inform(client.configMaps().inAnyNamespace().withLabel(LABEL, "true")));
    } else {
      for (String ns : namespaces) {
        secrets.add(inform(client.secrets().inNamespace(ns).withLabel(LABEL, "true")));
        configMaps.add(inform(client.configMaps().inNamespace(ns).withLabel(LABEL, "true")));
      }
    }
  }

  /** Calls {@code listener} with each consented object added, changed or no longer consented. */
  public void onChange(Consumer<HasMetadata> listener) {
    listeners.add(listener);
  }

  public Optional<Secret> secret(String namespace, String name) {
    return find(secrets, namespace, name);
  }

  public Optional<ConfigMap> configMap(String namespace, String name) {
    return find(configMaps, namespace, name);
  }

  /** Lookups of the consented objects of {@code namespace}, for validation. */
  public KeyedData keyedData(String namespace) {
    return new KeyedData(n -> configMap(namespace, n), n -> secret(namespace, n));
  }

  private static <T extends HasMetadata> Optional<T> find(
      List<SharedIndexInformer<T>> informers, String namespace, String name) {
    String key = Cache.namespaceKeyFunc(namespace, name);
    for (SharedIndexInformer<T> informer : informers) {
      T found = informer.getStore().getByKey(key);
      if (found != null) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  private <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> source) {
    return source.inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T obj) {
            changed(obj);
          }

          @Override
          public void onUpdate(T oldObj, T newObj) {
            if (!oldObj
                .getMetadata()
                .getResourceVersion()
                .equals(newObj.getMetadata().getResourceVersion())) {
              changed(newObj);
            }
          }

          @Override
          public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            changed(obj); // deleted, or its label removed: consent withdrawn
          }
        },
        0);
  }

  private void changed(HasMetadata obj) {
    listeners.forEach(l -> l.accept(obj));
  }

  @PreDestroy
  synchronized void stop() {
    secrets.forEach(SharedIndexInformer::close);
    configMaps.forEach(SharedIndexInformer::close);
  }
}
