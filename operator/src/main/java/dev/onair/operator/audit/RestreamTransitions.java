package dev.onair.operator.audit;

import dev.onair.api.v1alpha1.OutputStatus;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamPhase;
import dev.onair.api.v1alpha1.RestreamStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What happened to a Restream between two statuses: its phase and, per output, connected,
 * reconnecting, failed. Each stretch of an output being Live is one stream session.
 */
final class RestreamTransitions {
  static final String LIVE = "Live";

  private RestreamTransitions() {}

  static List<AuditRecord> between(
      Restream rs, RestreamStatus before, RestreamStatus after, Instant now) {
    Recorder r = new Recorder(rs, now);
    Lifecycle.createdOrChanged(
        r, rs, before == null, before == null ? null : before.observedGeneration);
    RestreamPhase was = before == null ? null : before.phase;
    if (after.phase != null && after.phase != was) {
      boolean warning =
          after.phase == RestreamPhase.Degraded || after.phase == RestreamPhase.Failed;
      r.add(
          r.version() + "/" + after.phase,
          after.phase.name(),
          warning,
          after.message,
          after.phase == RestreamPhase.Stopped ? "spec" : null,
          after.phase.name(),
          null,
          null);
    }
    Map<String, OutputStatus> previous = byEndpoint(before);
    Map<String, OutputStatus> current = byEndpoint(after);
    String leftFor = after.phase == RestreamPhase.Stopped ? "stopped" : "removed";
    previous.forEach(
        (endpoint, o) -> {
          if (!current.containsKey(endpoint) && live(o)) {
            disconnected(r, rs, o, leftFor);
          }
        });
    current.forEach(
        (endpoint, o) -> {
          OutputStatus p = previous.get(endpoint);
          boolean sameSession = live(p) && live(o) && sessionKey(p).equals(sessionKey(o));
          if (live(p) && !sameSession) {
            disconnected(r, rs, p, live(o) ? "replaced" : lower(o.state));
          }
          if (live(o) && !sameSession) {
            r.add(
                "OutputConnected/" + sessionKey(o),
                "OutputConnected",
                false,
                "output " + endpoint + " is live",
                null,
                phaseName(after),
                endpoint,
                new AuditRecord.Session(
                    Recorder.sessionId(rs, "output", sessionKey(o)), since(o, r), null, null));
          } else if (!live(o) && !Objects.equals(p == null ? null : p.state, o.state)) {
            if ("Reconnecting".equals(o.state) || "Failed".equals(o.state)) {
              r.add(
                  r.version() + "/Output" + o.state + "/" + endpoint,
                  "Output" + o.state,
                  true,
                  "output "
                      + endpoint
                      + " "
                      + lower(o.state)
                      + (o.lastError == null ? "" : ": " + o.lastError),
                  null,
                  phaseName(after),
                  endpoint,
                  null);
            }
          }
        });
    return r.records();
  }

  static List<AuditRecord> deleted(Restream rs, Instant now) {
    Recorder r = new Recorder(rs, now);
    byEndpoint(rs.getStatus()).values().stream()
        .filter(RestreamTransitions::live)
        .forEach(o -> disconnected(r, rs, o, "deletion"));
    Lifecycle.deleted(r, rs);
    return r.records();
  }

  private static void disconnected(Recorder r, Restream rs, OutputStatus o, String why) {
    r.add(
        "OutputDisconnected/" + sessionKey(o),
        "OutputDisconnected",
        false,
        "output " + o.endpoint + " is no longer live (" + why + ")",
        why,
        null,
        o.endpoint,
        new AuditRecord.Session(
            Recorder.sessionId(rs, "output", sessionKey(o)), since(o, r), r.now(), why));
  }

  /**
   * One Live stretch of an output: its endpoint, the relay pod carrying it and when it went live.
   */
  private static String sessionKey(OutputStatus o) {
    return o.endpoint + "/" + o.relayPod + "/" + o.since;
  }

  private static Instant since(OutputStatus o, Recorder r) {
    try {
      return o.since == null ? r.now() : Instant.parse(o.since);
    } catch (RuntimeException e) {
      return r.now();
    }
  }

  private static boolean live(OutputStatus o) {
    return o != null && LIVE.equals(o.state);
  }

  private static String lower(String state) {
    return state == null ? "gone" : state.toLowerCase(java.util.Locale.ROOT);
  }

  private static String phaseName(RestreamStatus s) {
    return s.phase == null ? null : s.phase.name();
  }

  private static Map<String, OutputStatus> byEndpoint(RestreamStatus s) {
    Map<String, OutputStatus> map = new LinkedHashMap<>();
    if (s != null && s.outputStatuses != null) {
      s.outputStatuses.stream()
          .filter(o -> o != null && o.endpoint != null)
          .forEach(o -> map.put(o.endpoint, o));
    }
    return map;
  }
}
