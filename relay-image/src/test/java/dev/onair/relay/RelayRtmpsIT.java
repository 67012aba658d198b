package dev.onair.relay;

import static dev.onair.relay.RelayHarness.output;
import static dev.onair.relay.RelayHarness.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onair.relay.RelayHarness.Endpoint;
import dev.onair.testmedia.TestClips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RTMPS outputs verify the endpoint's certificate against ONAIR_CA_FILE. */
class RelayRtmpsIT extends MediaTestSupport {
  @TempDir static Path media;

  @Test
  void rtmpsStreamsToTrustedEndpointAndRefusesUntrustedOne() throws Exception {
    TestCa trusted = TestCa.create(dir, "trusted");
    TestCa rogue = TestCa.create(dir, "rogue");
    TsSource source = closing(new TsSource(TestClips.smallTs(media, 8)));
    RtmpSink good = closing(RtmpSink.rtmp());
    RtmpSink bad = closing(RtmpSink.rtmp());
    TcpProxy goodTls = closing(new TcpProxy(good.port(), trusted.serverContext(), -1));
    TcpProxy badTls = closing(new TcpProxy(bad.port(), rogue.serverContext(), -1));
    Map<String, String> env =
        RelayHarness.environment(
            dir,
            source.url(),
            List.of(
                new Endpoint("good", "rtmps://127.0.0.1:" + goodTls.port() + "/live", "key-good"),
                new Endpoint("bad", "rtmps://127.0.0.1:" + badTls.port() + "/live", "key-bad")));
    env.put("ONAIR_CA_FILE", trusted.caFile().toString());
    Relay relay = startRelay(env);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> good.videoPackets() >= 4 * TestClips.SMALL_TS_FPS);
    RelayFanOutIT.assertMonotonic(good.sessions().get(0));
    JsonNode status = status(relay.httpPort());
    assertThat(output(status, "good").get("state").asText()).isEqualTo("Live");
    assertThat(output(status, "good").get("url").asText())
        .isEqualTo("rtmps://127.0.0.1:" + goodTls.port() + "/live/****");
    assertThat(output(status, "bad").get("state").asText()).isIn("Reconnecting", "Failed");
    assertThat(output(status, "bad").get("reconnects").asLong()).isPositive();
    assertThat(output(status, "bad").get("lastError").asText()).isNotBlank();
    assertThat(bad.videoPackets()).isZero();
  }
}
