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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay against real FFmpeg sinks on loopback: fan-out, isolation, reconnects, input gaps. */
class RelayFanOutIT extends MediaTestSupport {
  @TempDir static Path media;

  @Test
  void sixOutputsEachReceiveEveryPacketWithMonotonicTimestamps() throws Exception {
    TsSource source = closing(new TsSource(TestClips.smallTs(media, 8)));
    List<RtmpSink> sinks = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      RtmpSink sink = closing(RtmpSink.rtmp());
      sinks.add(sink);
      endpoints.add(
          new Endpoint("out-" + i, "rtmp://127.0.0.1:" + sink.port() + "/live", "key-" + i));
    }
    Relay relay = startRelay(RelayHarness.environment(dir, source.url(), endpoints));

    int expectedVideo = 8 * TestClips.SMALL_TS_FPS;
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> sinks.stream().allMatch(s -> s.videoPackets() >= expectedVideo));

    long audio = sinks.get(0).audioPackets();
    assertThat(audio).isGreaterThanOrEqualTo(370);
    for (RtmpSink sink : sinks) {
      assertThat(sink.sessions()).hasSize(1);
      assertThat(sink.videoPackets()).isEqualTo(expectedVideo);
      assertThat(sink.audioPackets()).isEqualTo(audio);
      assertMonotonic(sink.sessions().get(0));
      assertThat(sink.sessions().get(0).get(0).key()).isTrue();
    }
    for (int i = 0; i < 6; i++) {
      assertThat(output(status(relay.httpPort()), "out-" + i).get("reconnects").asLong()).isZero();
    }
  }

  @Test
  void killedSinkReconnectsWhileTheOtherFiveLoseNothing() throws Exception {
    int seconds = 16;
    TsSource source = closing(new TsSource(TestClips.smallTs(media, seconds)));
    List<RtmpSink> sinks = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    RtmpSink flaky = closing(RtmpSink.rtmp());
    TcpProxy cable = closing(new TcpProxy(flaky.port(), null, -1));
    endpoints.add(new Endpoint("flaky", "rtmp://127.0.0.1:" + cable.port() + "/live", "key-flaky"));
    for (int i = 1; i < 6; i++) {
      RtmpSink sink = closing(RtmpSink.rtmp());
      sinks.add(sink);
      endpoints.add(
          new Endpoint("out-" + i, "rtmp://127.0.0.1:" + sink.port() + "/live", "key-" + i));
    }
    Relay relay = startRelay(RelayHarness.environment(dir, source.url(), endpoints));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> flaky.videoPackets() >= 2 * TestClips.SMALL_TS_FPS);
    cable.kill();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> output(status(relay.httpPort()), "flaky").get("reconnects").asLong() >= 1);
    assertThat(output(status(relay.httpPort()), "flaky").get("state").asText())
        .isIn("Reconnecting", "Failed");
    Thread.sleep(2000);
    cable.restart();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                flaky.sessions().size() == 2
                    && flaky.sessions().get(1).stream().filter(Received::video).count()
                        >= TestClips.SMALL_TS_FPS);
    assertThat(output(status(relay.httpPort()), "flaky").get("state").asText()).isEqualTo("Live");
    List<Received> resumed = flaky.sessions().get(1);
    assertThat(resumed.get(0).key()).as("a new session starts on a keyframe").isTrue();
    assertMonotonic(resumed);

    int expectedVideo = seconds * TestClips.SMALL_TS_FPS;
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> sinks.stream().allMatch(s -> s.videoPackets() >= expectedVideo));
    long audio = sinks.get(0).audioPackets();
    for (RtmpSink sink : sinks) {
      assertThat(sink.sessions()).hasSize(1);
      assertThat(sink.videoPackets()).isEqualTo(expectedVideo);
      assertThat(sink.audioPackets()).isEqualTo(audio);
      assertMonotonic(sink.sessions().get(0));
    }
    for (int i = 1; i < 6; i++) {
      assertThat(output(status(relay.httpPort()), "out-" + i).get("reconnects").asLong()).isZero();
    }
  }

  @Test
  void srtOutputCarriesMpegTsWithItsKeyAsStreamId() throws Exception {
    TsSource source = closing(new TsSource(TestClips.smallTs(media, 8)));
    RtmpSink srt = closing(RtmpSink.srt());
    Relay relay =
        startRelay(
            RelayHarness.environment(
                dir,
                source.url(),
                List.of(new Endpoint("own", "srt://127.0.0.1:" + srt.port(), "own-key/1?x=y"))));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> srt.videoPackets() >= 4 * TestClips.SMALL_TS_FPS);
    assertThat(srt.audioPackets()).isPositive();
    assertMonotonic(srt.sessions().get(0));
    assertThat(output(status(relay.httpPort()), "own").get("state").asText()).isEqualTo("Live");
    assertThat(output(status(relay.httpPort()), "own").get("url").asText())
        .isEqualTo("srt://127.0.0.1:" + srt.port() + "?streamid=****");
  }

  @Test
  void srtOutputWithAPassphraseReachesAnEncryptedListenerAndNeverShowsIt() throws Exception {
    String passphrase = "gateway-secret-0042";
    TsSource source = closing(new TsSource(TestClips.smallTs(media, 8)));
    RtmpSink listener = closing(RtmpSink.srt(passphrase));
    Relay relay =
        startRelay(
            RelayHarness.environment(
                dir,
                source.url(),
                List.of(
                    new Endpoint(
                        "gateway", "srt://127.0.0.1:" + listener.port(), null, passphrase))));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> listener.videoPackets() >= 4 * TestClips.SMALL_TS_FPS);
    assertThat(listener.audioPackets()).isPositive();
    assertMonotonic(listener.sessions().get(0));
    String status = RelayHarness.get(relay.httpPort(), "/status");
    assertThat(status).doesNotContain(passphrase);
    var gateway = output(status(relay.httpPort()), "gateway");
    assertThat(gateway.get("state").asText()).isEqualTo("Live");
    assertThat(gateway.get("url").asText()).isEqualTo("srt://127.0.0.1:" + listener.port());
  }

  static void assertMonotonic(List<Received> session) {
    long lastVideo = Long.MIN_VALUE;
    long lastAudio = Long.MIN_VALUE;
    for (Received packet : session) {
      if (packet.video()) {
        assertThat(packet.dtsMillis()).as("video dts").isGreaterThan(lastVideo);
        lastVideo = packet.dtsMillis();
      } else {
        assertThat(packet.dtsMillis()).as("audio dts").isGreaterThanOrEqualTo(lastAudio);
        lastAudio = packet.dtsMillis();
      }
    }
  }
}
