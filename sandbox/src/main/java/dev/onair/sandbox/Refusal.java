package dev.onair.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;

/**
 * The line {@code kubectl apply} prints when the API server refuses an object: {@code The
 * LiveStream "x" is invalid: spec.video.width: Invalid value: ...} for a 422, {@code Error from
 * server (Reason): message} otherwise.
 */
final class Refusal {
  private Refusal() {}

  static String describe(KubernetesClientException e, HasMetadata item) {
    Status status = e.getStatus();
    if (status == null || status.getMessage() == null) {
      return item.getKind()
          + " \""
          + item.getMetadata().getName()
          + "\" refused: "
          + e.getMessage();
    }
    if (status.getCode() != null
        && status.getCode() == 422
        && status.getDetails() != null
        && status.getDetails().getCauses() != null
        && !status.getDetails().getCauses().isEmpty()) {
      List<String> causes =
          status.getDetails().getCauses().stream().map(Refusal::cause).distinct().toList();
      String joined = causes.size() == 1 ? causes.get(0) : "[" + String.join(", ", causes) + "]";
      return "The "
          + item.getKind()
          + " \""
          + item.getMetadata().getName()
          + "\" is invalid: "
          + joined;
    }
    String reason = status.getReason() == null ? "Unknown" : status.getReason();
    return "Error from server (" + reason + "): " + status.getMessage();
  }

  private static String cause(StatusCause c) {
    return c.getField() == null || c.getField().isEmpty()
        ? c.getMessage()
        : c.getField() + ": " + c.getMessage();
  }
}
