package dev.onair.operator.common;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * Writes a status only when it differs from the stored one. The whole status is replaced with one
 * JSON Patch, so fields that became empty really disappear (a merge patch would keep them), and the
 * written resource goes into the framework's cache so the next reconcile sees it.
 */
public final class StatusWriter {
  private StatusWriter() {}

  /** Returns true when a write happened. */
  public static <S, P extends CustomResource<?, S>> boolean write(
      P primary, S status, Context<P> context) {
    String wanted = Serialization.asJson(status);
    if (primary.getStatus() != null && wanted.equals(Serialization.asJson(primary.getStatus()))) {
      return false;
    }
    String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + wanted + "}]";
    P updated =
        context
            .getClient()
            .resource(primary)
            .subresource("status")
            .patch(PatchContext.of(PatchType.JSON), patch);
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(primary), updated, primary);
    return true;
  }
}
