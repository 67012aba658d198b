package dev.onair.relay;

import static dev.onair.relay.RelayHarness.output;
import static dev.onair.relay.RelayHarness.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onair.relay.RelayHarness.Endpoint;
import dev.onair.relay.RtmpSink.Received;
import dev.onair.testmedia.TestClips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encoder restart must not end the endpoints' broadcasts. */
class RelayInputGapIT extends MediaTestSupport {
  @TempDir static Path media;

  @Test
  void fiveSecondInputGapKeepsOutputsConnectedAndTimestampsContinue() throws Exception {
    int seconds = 6;
    TsSource source = closing(new TsSource(TestClips.smallTs(media, seconds)));
    source.refuseAfterFirstPlay(Duration.ofSeconds(5));
    RtmpSink a = closing(RtmpSink.rtmp());
    RtmpSink b = closing(RtmpSink.rtmp());
    Map<String, String> env =
        RelayHarness.environment(
            dir,
            source.url(),
            List.of(
                new Endpoint("a", "rtmp://127.0.0.1:" + a.port() + "/live", "key-a"),
                new Endpoint("b", "rtmp://127.0.0.1:" + b.port() + "/live", "key-b")));
    env.put("ONAIR_INPUT_GAP_SECONDS", "10");
    Relay relay = startRelay(env);

    int perPlay = seconds * TestClips.SMALL_TS_FPS;
    await().atMost(Duration.ofSeconds(20)).until(() -> a.videoPackets() >= perPlay);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !status(relay.httpPort()).get("input").get("connected").asBoolean());
    JsonNode duringGap = status(relay.httpPort());
    assertThat(output(duringGap, "a").get("state").asText()).isEqualTo("Live");

    await().atMost(Duration.ofSeconds(20)).until(() -> a.videoPackets() >= perPlay + 50);
    JsonNode after = status(relay.httpPort());
    assertThat(after.get("input").get("connected").asBoolean()).isTrue();
    for (String name : List.of("a", "b")) {
      assertThat(output(after, name).get("reconnects").asLong()).isZero();
      assertThat(output(after, name).get("state").asText()).isEqualTo("Live");
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> a.videoPackets() >= 2 * perPlay && b.videoPackets() >= 2 * perPlay);

    for (RtmpSink sink : List.of(a, b)) {
      assertThat(sink.sessions()).as("one RTMP session across the gap").hasSize(1);
      List<Received> session = sink.sessions().get(0);
      RelayFanOutIT.assertMonotonic(session);
      List<Received> video = session.stream().filter(Received::video).toList();
      long jump = video.get(perPlay).dtsMillis() - video.get(perPlay - 1).dtsMillis();
      assertThat(jump).as("timestamps step over the gap in real time").isBetween(4000L, 9000L);
    }
  }
}
