package dev.onair.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;

/** The STATUS word {@code kubectl get pods} shows, computed as kubectl's pod printer does. */
final class PodPhase {
  private PodPhase() {}

  static String of(JsonNode pod) {
    JsonNode status = pod.path("status");
    String reason = status.path("reason").asText(status.path("phase").asText("Pending"));
    for (JsonNode c : status.path("initContainerStatuses")) {
      JsonNode state = c.path("state");
      if (state.path("terminated").path("exitCode").asInt(0) != 0) {
        return "Init:" + state.path("terminated").path("reason").asText("Error");
      }
      if (state.has("waiting")
          && !"PodInitializing".equals(state.path("waiting").path("reason").asText())) {
        return "Init:" + state.path("waiting").path("reason").asText("Waiting");
      }
    }
    for (JsonNode c : status.path("containerStatuses")) {
      JsonNode state = c.path("state");
      if (state.path("waiting").hasNonNull("reason")) {
        reason = state.path("waiting").path("reason").asText();
      } else if (state.path("terminated").hasNonNull("reason")) {
        reason = state.path("terminated").path("reason").asText();
      } else if (state.has("terminated")) {
        JsonNode t = state.path("terminated");
        reason =
            t.has("signal")
                ? "Signal:" + t.get("signal").asInt()
                : "ExitCode:" + t.path("exitCode").asInt();
      }
    }
    if (pod.path("metadata").has("deletionTimestamp")) {
      return "Terminating";
    }
    return reason;
  }
}
