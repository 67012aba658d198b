package dev.onair.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * Creates pods so that the next reconcile sees them even before the informer does (otherwise it
 * would try to create them again), and treats "already exists" as done.
 */
public final class OwnedPods {
  private OwnedPods() {}

  @SuppressWarnings("unchecked")
  public static <P extends HasMetadata> void create(Context<P> context, Pod pod) {
    Pod created;
    try {
      created = context.getClient().resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return; // created by an earlier reconcile the cache had not caught up with
      }
      throw e;
    }
    var pods =
        (InformerEventSource<Pod, P>) context.eventSourceRetriever().getEventSourceFor(Pod.class);
    pods.handleRecentResourceCreate(ResourceID.fromResource(created), created);
  }
}
