package dev.onair.relay;

import static dev.onair.relay.RelayHarness.output;
import static dev.onair.relay.RelayHarness.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.onair.relay.RelayHarness.Endpoint;
import dev.onair.relay.RtmpSink.Received;
import dev.onair.testmedia.TestClips;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An endpoint that accepts but never reads must cost the others nothing. */
class RelayIsolationIT extends MediaTestSupport {
  @TempDir static Path media;

  @Test
  void sinkThatNeverReadsLeavesOthersAtRealTimePaceAndItsQueueBounded() throws Exception {
    int seconds = 14;
    TsSource source = closing(new TsSource(TestClips.smallTs(media, seconds)));
    RtmpSink behindStall = closing(RtmpSink.rtmp());
    TcpProxy stall = closing(new TcpProxy(behindStall.port(), null, 64 * 1024));
    RtmpSink a = closing(RtmpSink.rtmp());
    RtmpSink b = closing(RtmpSink.rtmp());
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("stuck", "rtmp://127.0.0.1:" + stall.port() + "/live", "key-stuck"),
            new Endpoint("a", "rtmp://127.0.0.1:" + a.port() + "/live", "key-a"),
            new Endpoint("b", "rtmp://127.0.0.1:" + b.port() + "/live", "key-b"));
    Map<String, String> env = RelayHarness.environment(dir, source.url(), endpoints);
    // A small kernel send buffer, so the stuck endpoint blocks the relay's writes within seconds
    // of this low-bitrate stream instead of vanishing into megabytes of loopback autotuning.
    env.put("ONAIR_SEND_BUFFER_KB", "32");
    Relay relay = startRelay(env);

    int expectedVideo = seconds * TestClips.SMALL_TS_FPS;
    long maxQueued = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while ((a.videoPackets() < expectedVideo || b.videoPackets() < expectedVideo)
        && System.nanoTime() < deadline) {
      maxQueued = Math.max(maxQueued, metric(relay, "onair_relay_output_queue_bytes", "stuck"));
      Thread.sleep(200);
    }

    for (RtmpSink sink : List.of(a, b)) {
      assertThat(sink.sessions()).hasSize(1);
      assertThat(sink.videoPackets()).isEqualTo(expectedVideo);
      RelayFanOutIT.assertMonotonic(sink.sessions().get(0));
      // Without isolation the stuck output would hold the healthy ones until its 5 s write
      // timeout; 3 s leaves room for scheduling jitter on a loaded 2-core machine.
      assertThat(maxLagMillis(sink.sessions().get(0)))
          .as("how far the healthy sink fell behind the media clock")
          .isLessThan(3000);
    }
    // 4 s of a ~320 kb/s stream is ~160 KB; the queue never holds much more than that.
    assertThat(maxQueued).isLessThan(400 * 1024);
    assertThat(metric(relay, "onair_relay_output_dropped_packets_total", "stuck"))
        .as("the stuck output skipped ahead instead of buffering")
        .isPositive();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> output(status(relay.httpPort()), "stuck").get("reconnects").asLong() >= 1);
  }

  /** The largest delay of a packet's arrival behind its place on the media clock. */
  static long maxLagMillis(List<Received> session) {
    Received first = session.get(0);
    long worst = 0;
    for (Received packet : session) {
      long mediaMillis = packet.dtsMillis() - first.dtsMillis();
      long wallMillis = (packet.arrivalNanos() - first.arrivalNanos()) / 1_000_000;
      worst = Math.max(worst, wallMillis - mediaMillis);
    }
    return worst;
  }

  static long metric(Relay relay, String name, String output) throws Exception {
    String text = RelayHarness.get(relay.httpPort(), "/metrics");
    Matcher matcher =
        Pattern.compile("(?m)^" + name + "\\{[^}]*output=\"" + output + "\"[^}]*\\} ([0-9.eE+-]+)$")
            .matcher(text);
    if (!matcher.find()) {
      throw new AssertionError("no " + name + " for " + output + " in\n" + text);
    }
    return (long) Double.parseDouble(matcher.group(1));
  }
}
