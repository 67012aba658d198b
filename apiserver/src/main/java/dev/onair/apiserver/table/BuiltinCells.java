package dev.onair.apiserver.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The cells kube-apiserver's printers compute for the built-in kinds' columns. */
final class BuiltinCells {
  private static final String NONE = "<none>";

  private BuiltinCells() {}

  /** The cell of column {@code column} for an object of built-in {@code kind}. */
  static Object cell(String kind, String column, JsonNode o, Instant now) {
    JsonNode spec = o.path("spec");
    JsonNode status = o.path("status");
    String created = o.path("metadata").path("creationTimestamp").asText("");
    return switch (column) {
      case "Age" -> Ages.since(created, now);
      case "Created At" -> created;
      case "Status" -> kind.equals("Pod") ? PodPhase.of(o) : status.path("phase").asText(NONE);
      case "Ready" -> ready(kind, o);
      case "Restarts" -> restarts(status);
      case "IP" -> status.path("podIP").asText(NONE);
      case "Node" -> spec.path("nodeName").asText(NONE);
      case "Nominated Node",
          "Readiness Gates",
          "External-IP",
          "Volume",
          "Capacity",
          "Access Modes" ->
          NONE;
      case "Data" -> o.path("data").size() + o.path("binaryData").size();
      case "Type" -> type(kind, o);
      case "Cluster-IP" -> spec.path("clusterIP").asText(NONE);
      case "Port(s)" -> ports(spec);
      case "Selector" -> selector(spec.path("selector"));
      case "Pod-Selector" -> selector(spec.path("podSelector").path("matchLabels"));
      case "Up-to-date" -> status.path("updatedReplicas").asLong(0);
      case "Available" -> status.path("availableReplicas").asLong(0);
      case "Holder" -> spec.path("holderIdentity").asText("");
      case "Secrets" -> o.path("secrets").size();
      case "Role" ->
          o.path("roleRef").path("kind").asText() + "/" + o.path("roleRef").path("name").asText();
      case "Last Seen" -> Ages.since(eventLast(o), now);
      case "First Seen" ->
          Ages.since(text(o, "firstTimestamp", "deprecatedFirstTimestamp", "eventTime"), now);
      case "Reason" -> o.path("reason").asText("");
      case "Object" -> eventObject(o);
      case "Subobject" -> regarding(o).path("fieldPath").asText("");
      case "Source" -> eventSource(o);
      case "Message" -> text(o, "message", "note");
      case "Count" ->
          o.has("count") ? o.get("count").asLong() : o.path("series").path("count").asLong(1);
      case "Name" -> o.path("metadata").path("name").asText();
      default -> NONE;
    };
  }

  private static String ready(String kind, JsonNode o) {
    if (kind.equals("Pod")) {
      int ready = 0;
      for (JsonNode c : o.path("status").path("containerStatuses")) {
        ready += c.path("ready").asBoolean(false) ? 1 : 0;
      }
      return ready + "/" + o.path("spec").path("containers").size();
    }
    long want = o.path("spec").path("replicas").asLong(1);
    return o.path("status").path("readyReplicas").asLong(0) + "/" + want;
  }

  private static long restarts(JsonNode status) {
    long n = 0;
    for (JsonNode c : status.path("containerStatuses")) {
      n += c.path("restartCount").asLong(0);
    }
    return n;
  }

  private static String type(String kind, JsonNode o) {
    if (kind.equals("Service")) {
      return o.path("spec").path("type").asText("ClusterIP");
    }
    if (kind.equals("Secret")) {
      return o.path("type").asText("Opaque");
    }
    return o.path("type").asText("");
  }

  private static String ports(JsonNode spec) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : spec.path("ports")) {
      String port = p.path("port").asText();
      if (p.has("nodePort")) {
        port += ":" + p.get("nodePort").asText();
      }
      out.add(port + "/" + p.path("protocol").asText("TCP"));
    }
    return out.isEmpty() ? NONE : String.join(",", out);
  }

  private static String selector(JsonNode labels) {
    List<String> out = new ArrayList<>();
    labels.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
    return out.isEmpty() ? NONE : String.join(",", out);
  }

  private static JsonNode regarding(JsonNode event) {
    return event.has("involvedObject") ? event.get("involvedObject") : event.path("regarding");
  }

  private static String eventObject(JsonNode event) {
    JsonNode r = regarding(event);
    return r.path("kind").asText("").toLowerCase(java.util.Locale.ROOT)
        + "/"
        + r.path("name").asText();
  }

  private static String eventSource(JsonNode event) {
    String component =
        event.path("source").path("component").asText(event.path("reportingController").asText(""));
    String host = event.path("source").path("host").asText("");
    return host.isEmpty() ? component : component + ", " + host;
  }

  private static String eventLast(JsonNode event) {
    String series = event.path("series").path("lastObservedTime").asText("");
    return series.isEmpty()
        ? text(event, "lastTimestamp", "eventTime", "firstTimestamp", "deprecatedLastTimestamp")
        : series;
  }

  private static String text(JsonNode o, String... fields) {
    for (String f : fields) {
      String v = o.path(f).asText("");
      if (!v.isEmpty() && !v.equals("null")) {
        return v;
      }
    }
    return "";
  }
}
