package dev.onair.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kubectl get} would show: the OnAir resources with their CRDs' printer columns, the
 * pods, and the sinks; writes each LiveStream's status thumbnail to a JPEG file.
 */
final class LiveTable {
  private final KubernetesClient client;
  private final List<PrinterColumns> kinds;
  private final List<RtmpSink> sinks;
  private final Path thumbnails;
  private final Map<String, String> thumbnailTimes = new HashMap<>();

  LiveTable(
      KubernetesClient client, List<PrinterColumns> kinds, List<RtmpSink> sinks, Path thumbnails) {
    this.client = client;
    this.kinds = kinds;
    this.sinks = sinks;
    this.thumbnails = thumbnails;
  }

  String render() {
    Instant now = Instant.now();
    StringBuilder out = new StringBuilder();
    for (PrinterColumns kind : kinds) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(kind.headers());
      for (GenericKubernetesResource r : list(kind)) {
        rows.add(kind.row(Serialization.jsonMapper().valueToTree(r), now));
      }
      out.append("# ").append(kind.kind()).append('\n').append(table(rows)).append('\n');
    }
    List<List<String>> pods = new ArrayList<>();
    pods.add(List.of("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "IP", "AGE"));
    for (Pod p : client.pods().inAnyNamespace().list().getItems()) {
      var s = p.getStatus();
      var cs =
          s == null || s.getContainerStatuses() == null || s.getContainerStatuses().isEmpty()
              ? null
              : s.getContainerStatuses().get(0);
      String status = s == null || s.getPhase() == null ? "Pending" : s.getPhase();
      if (cs != null && cs.getState() != null && cs.getState().getWaiting() != null) {
        status = cs.getState().getWaiting().getReason();
      } else if (cs != null && cs.getState() != null && cs.getState().getTerminated() != null) {
        status = "Error(" + cs.getState().getTerminated().getExitCode() + ")";
      }
      pods.add(
          List.of(
              p.getMetadata().getNamespace(),
              p.getMetadata().getName(),
              cs != null && Boolean.TRUE.equals(cs.getReady()) ? "1/1" : "0/1",
              status,
              String.valueOf(cs == null ? 0 : cs.getRestartCount()),
              s == null || s.getPodIP() == null ? "<none>" : s.getPodIP(),
              PrinterColumns.age(
                  Duration.between(Instant.parse(p.getMetadata().getCreationTimestamp()), now))));
    }
    out.append("# Pod\n").append(table(pods)).append('\n');
    List<List<String>> sinkRows = new ArrayList<>();
    sinkRows.add(
        List.of("SINK", "URL", "CONNECTED", "SESSIONS", "FRAMES", "SIZE", "OVERLAY", "SLATE"));
    for (RtmpSink s : sinks) {
      sinkRows.add(
          List.of(
              s.name,
              s.url(),
              String.valueOf(s.connected()),
              String.valueOf(s.sessions()),
              String.valueOf(s.frames()),
              s.frames() == 0 ? "-" : s.size(),
              String.valueOf(s.overlayFrames()),
              String.valueOf(s.slateFrames())));
    }
    out.append("# Local RTMP servers (YouTube, Twitch, Facebook stand-ins)\n")
        .append(table(sinkRows));
    return out.toString();
  }

  /** Writes each LiveStream's latest status thumbnail to {@code <namespace>_<name>.jpg}. */
  void writeThumbnails() {
    for (PrinterColumns kind : kinds) {
      if (!"LiveStream".equals(kind.kind())) {
        continue;
      }
      for (GenericKubernetesResource r : list(kind)) {
        JsonNode thumbnail =
            Serialization.jsonMapper().valueToTree(r).path("status").path("thumbnail");
        String dataUri = thumbnail.path("dataUri").asText("");
        String key = r.getMetadata().getNamespace() + "_" + r.getMetadata().getName();
        String capturedAt = thumbnail.path("capturedAt").asText("");
        int comma = dataUri.indexOf(',');
        if (comma < 0 || capturedAt.equals(thumbnailTimes.get(key))) {
          continue;
        }
        try {
          Files.createDirectories(thumbnails);
          Path tmp = thumbnails.resolve(key + ".jpg.tmp");
          Files.write(tmp, Base64.getDecoder().decode(dataUri.substring(comma + 1)));
          Files.move(
              tmp,
              thumbnails.resolve(key + ".jpg"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE);
          thumbnailTimes.put(key, capturedAt);
        } catch (IOException | IllegalArgumentException e) {
          // next round
        }
      }
    }
  }

  private List<GenericKubernetesResource> list(PrinterColumns kind) {
    return client
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inAnyNamespace()
        .list()
        .getItems();
  }

  static String table(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], Math.min(70, row.get(i).length()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i).length() > 70 ? row.get(i).substring(0, 69) + "…" : row.get(i);
        out.append(cell)
            .append(" ".repeat(widths[i] - cell.length() + (i < row.size() - 1 ? 3 : 0)));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
