package dev.onair.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.LiveStreamStatus;
import dev.onair.api.v1alpha1.OutputStatus;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamPhase;
import dev.onair.api.v1alpha1.RestreamStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which records a pair of statuses produces, without Kubernetes or PostgreSQL. */
class TransitionsTest {
  static final Instant NOW = Instant.parse("2026-11-21T07:00:00Z");

  @Test
  void eachLiveStretchOfAnOutputIsOneSessionClosedWithTheStateItLeftLiveFor() {
    Restream rs = restream("1");
    RestreamStatus connecting =
        status(RestreamPhase.Starting, output("twitch", "Connecting", null));
    RestreamStatus live =
        status(RestreamPhase.Live, output("twitch", "Live", "2026-11-21T06:00:00Z"));
    RestreamStatus reconnecting =
        status(RestreamPhase.Degraded, output("twitch", "Reconnecting", "2026-11-21T06:30:00Z"));
    RestreamStatus liveAgain =
        status(RestreamPhase.Live, output("twitch", "Live", "2026-11-21T06:31:00Z"));

    assertThat(reasons(RestreamTransitions.between(rs, null, connecting, NOW)))
        .containsExactly("Created", "Starting");
    List<AuditRecord> up = RestreamTransitions.between(restream("2"), connecting, live, NOW);
    assertThat(reasons(up)).containsExactly("Live", "OutputConnected");
    AuditRecord.Session opened = up.get(1).session();
    assertThat(opened.startedAt()).isEqualTo(Instant.parse("2026-11-21T06:00:00Z"));
    assertThat(opened.endedAt()).isNull();

    List<AuditRecord> down = RestreamTransitions.between(restream("3"), live, reconnecting, NOW);
    assertThat(reasons(down))
        .containsExactly("Degraded", "OutputDisconnected", "OutputReconnecting");
    AuditRecord.Session closed = down.get(1).session();
    assertThat(closed.id()).isEqualTo(opened.id());
    assertThat(closed.endReason()).isEqualTo("reconnecting");
    assertThat(closed.endedAt()).isEqualTo(NOW);
    assertThat(down).allSatisfy(r -> assertThat(r.output()).isIn(null, "twitch"));

    List<AuditRecord> back =
        RestreamTransitions.between(restream("4"), reconnecting, liveAgain, NOW);
    assertThat(reasons(back)).containsExactly("Live", "OutputConnected");
    assertThat(back.get(1).session().id()).isNotEqualTo(opened.id());

    Restream deleted = restream("5");
    deleted.setStatus(liveAgain);
    List<AuditRecord> gone = RestreamTransitions.deleted(deleted, NOW);
    assertThat(reasons(gone)).containsExactly("OutputDisconnected", "Deleted");
    assertThat(gone.get(0).session().endReason()).isEqualTo("deletion");
  }

  @Test
  void aRefusedEditKeepsTheRunOpenWhileAnAppliedOneStopsItAndStartsANewOne() {
    LiveStreamStatus live = liveStatus(1L, null, "2026-11-21T06:00:00.000Z");
    // Generation 2 is refused: the pod of generation 1 keeps running.
    LiveStreamStatus refused = liveStatus(2L, 1L, "2026-11-21T06:00:00.000Z");
    assertThat(reasons(LiveStreamTransitions.between(liveStream(2L), live, refused, NOW)))
        .containsExactly("SpecChanged");
    // Generation 3 is applied: a new pod, a new run.
    LiveStreamStatus applied = liveStatus(3L, null, "2026-11-21T06:59:59.000Z");
    assertThat(reasons(LiveStreamTransitions.between(liveStream(3L), refused, applied, NOW)))
        .containsExactly("SpecChanged", "Stopped", "Started");
  }

  @Test
  void theSameObservationAlwaysHasTheSameEventIds() {
    RestreamStatus live = status(RestreamPhase.Live, output("yt", "Live", "2026-11-21T06:00:00Z"));
    List<String> first = ids(RestreamTransitions.between(restream("9"), null, live, NOW));
    List<String> again =
        ids(RestreamTransitions.between(restream("9"), null, live, NOW.plusSeconds(30)));
    assertThat(again).isEqualTo(first).doesNotHaveDuplicates();
  }

  @Test
  void redactionKeepsTheHostAndDropsKeysPathsUserInfoAndSecretValues() {
    assertThat(Redactor.redact("push to rtmp://a.rtmp.youtube.com/live2/abcd-1234-efgh failed"))
        .isEqualTo("push to rtmp://a.rtmp.youtube.com/<redacted> failed");
    assertThat(Redactor.redact("srt://ingest.example.com:9000?streamid=#!::r=live,m=publish"))
        .isEqualTo("srt://ingest.example.com:9000/<redacted>");
    assertThat(Redactor.redact("https://user:pw@cdn.example.com/x.m3u8")).doesNotContain("pw");
    assertThat(Redactor.redact("refused, passphrase=hunter22 token: abc123"))
        .doesNotContain("hunter22")
        .doesNotContain("abc123");
    assertThat(Redactor.redact("the encoder failed 3 times in a row"))
        .isEqualTo("the encoder failed 3 times in a row");
  }

  private static List<String> reasons(List<AuditRecord> records) {
    return records.stream().map(AuditRecord::reason).toList();
  }

  private static List<String> ids(List<AuditRecord> records) {
    return records.stream().map(AuditRecord::eventId).toList();
  }

  private static LiveStream liveStream(long generation) {
    LiveStream ls = new LiveStream();
    ls.getMetadata().setName("news");
    ls.getMetadata().setNamespace("studio");
    ls.getMetadata().setUid("3c1f6f8e-0000-4000-8000-000000000002");
    ls.getMetadata().setResourceVersion(String.valueOf(generation));
    ls.getMetadata().setGeneration(generation);
    return ls;
  }

  private static LiveStreamStatus liveStatus(long observed, Long applied, String startedAt) {
    LiveStreamStatus s = new LiveStreamStatus();
    s.observedGeneration = observed;
    s.appliedGeneration = applied;
    s.phase = LiveStreamPhase.Live;
    s.startedAt = startedAt;
    return s;
  }

  private static Restream restream(String resourceVersion) {
    Restream rs = new Restream();
    rs.getMetadata().setName("multi");
    rs.getMetadata().setNamespace("studio");
    rs.getMetadata().setUid("3c1f6f8e-0000-4000-8000-000000000001");
    rs.getMetadata().setResourceVersion(resourceVersion);
    rs.getMetadata().setGeneration(1L);
    return rs;
  }

  private static RestreamStatus status(RestreamPhase phase, OutputStatus... outputs) {
    RestreamStatus s = new RestreamStatus();
    s.observedGeneration = 1L;
    s.phase = phase;
    s.outputStatuses.addAll(List.of(outputs));
    return s;
  }

  private static OutputStatus output(String endpoint, String state, String since) {
    OutputStatus o = new OutputStatus();
    o.endpoint = endpoint;
    o.state = state;
    o.since = since;
    o.relayPod = "multi-relay-0";
    return o;
  }
}
