package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onair.relay.RelayHarness.Endpoint;
import dev.onair.testmedia.TestClips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real fat jar as a child process: no key anywhere it writes, clean SIGTERM, exit codes. */
class RelayProcessIT extends MediaTestSupport {
  @TempDir static Path media;

  private static final Path JAR = Path.of("target", "onair-relay.jar");

  @Test
  void keysNeverAppearAndSigtermClosesSessionsWithinTwoSeconds() throws Exception {
    String rtmpKey = "live_" + UUID.randomUUID().toString().replace("-", "");
    String refusedKey = "refused_" + UUID.randomUUID().toString().replace("-", "");
    String srtKey = "srt/key?x=" + UUID.randomUUID();
    String passphrase = "pass_" + UUID.randomUUID().toString().replace("-", "");
    List<String> keys =
        List.of(rtmpKey, refusedKey, srtKey, OutputTarget.urlEncode(srtKey), passphrase);

    TsSource source = closing(new TsSource(TestClips.smallTs(media, 30)));
    RtmpSink sink = closing(RtmpSink.rtmp());
    int closedPort = RtmpSink.freePort();
    // Refuses the relay's passphrase, so libsrt's handshake errors land in the log under test.
    RtmpSink otherPassphrase = closing(RtmpSink.srt("the-listener-wants-this-one"));
    Map<String, String> env =
        RelayHarness.environment(
            dir,
            source.url(),
            List.of(
                new Endpoint("good", "rtmp://127.0.0.1:" + sink.port() + "/app", rtmpKey),
                new Endpoint("refused", "rtmp://127.0.0.1:" + closedPort + "/app", refusedKey),
                new Endpoint("srt", "srt://127.0.0.1:" + closedPort, srtKey),
                new Endpoint(
                    "srt-pass", "srt://127.0.0.1:" + otherPassphrase.port(), null, passphrase)));
    int httpPort = RtmpSink.freePort();
    env.put("ONAIR_HTTP_PORT", Integer.toString(httpPort));
    Path log = dir.resolve("relay.log");
    Process relay = start(env, log);
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> sink.videoPackets() >= 3 * TestClips.SMALL_TS_FPS);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  RelayHarness.output(RelayHarness.status(httpPort), "refused")
                          .get("reconnects")
                          .asLong()
                      >= 2);
      JsonNode status = RelayHarness.status(httpPort);
      assertThat(status.get("version").asInt()).isEqualTo(1);
      assertThat(RelayHarness.output(status, "good").get("state").asText()).isEqualTo("Live");
      assertThat(RelayHarness.output(status, "good").get("url").asText())
          .isEqualTo("rtmp://127.0.0.1:" + sink.port() + "/app/****");
      assertThat(RelayHarness.output(status, "srt").get("url").asText())
          .isEqualTo("srt://127.0.0.1:" + closedPort + "?streamid=****");
      assertThat(RelayHarness.output(status, "refused").get("lastError").asText()).isNotBlank();
      assertThat(RelayHarness.output(status, "srt-pass").get("url").asText())
          .isEqualTo("srt://127.0.0.1:" + otherPassphrase.port());
      // The listener refuses the handshake: nothing arrives, the output is not live.
      assertThat(RelayHarness.output(status, "srt-pass").get("state").asText())
          .isNotEqualTo("Live");
      assertThat(otherPassphrase.videoPackets()).isZero();
      assertThat(RelayHarness.response(httpPort, "/healthz").statusCode()).isEqualTo(200);
      assertThat(RelayHarness.response(httpPort, "/readyz").statusCode()).isEqualTo(200);

      List<String> written = new ArrayList<>();
      written.add(status.toString());
      written.add(RelayHarness.get(httpPort, "/status"));
      String metrics = RelayHarness.get(httpPort, "/metrics");
      assertThat(metrics).contains("onair_relay_output_bytes_sent_total{output=\"good\"}");
      written.add(metrics);
      written.add(String.join(" ", relay.info().arguments().orElse(new String[0])));
      written.add(Files.readString(Path.of("/proc/" + relay.pid() + "/environ")));

      int endedBefore = sink.endedSessions();
      long start = System.nanoTime();
      relay.destroy(); // SIGTERM
      assertThat(relay.waitFor(5, TimeUnit.SECONDS)).isTrue();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(relay.exitValue()).isZero();
      assertThat(millis).as("exit after SIGTERM, ms").isLessThan(2000);
      await().atMost(Duration.ofSeconds(2)).until(() -> sink.endedSessions() > endedBefore);

      String output = Files.readString(log, StandardCharsets.UTF_8);
      assertThat(output).contains("rtmp://127.0.0.1:" + sink.port() + "/app/****");
      written.add(output);
      for (String text : written) {
        for (String key : keys) {
          assertThat(text).doesNotContain(key);
        }
      }
    } finally {
      relay.destroyForcibly();
    }
  }

  @Test
  void missingInputUrlExitsWithCodeTwoAndOneLineNamingIt() throws Exception {
    Map<String, String> env =
        RelayHarness.environment(
            dir,
            "http://127.0.0.1:1/live.ts",
            List.of(new Endpoint("x", "rtmp://127.0.0.1:1/a", null)));
    env.remove("ONAIR_INPUT_URL");
    Path log = dir.resolve("relay.log");
    Process relay = start(env, log);
    assertThat(relay.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(relay.exitValue()).isEqualTo(2);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains("ONAIR_INPUT_URL").doesNotContain("Exception");
  }

  @Test
  void unreadableKeyFileExitsWithCodeTwoNamingTheFile() throws Exception {
    Map<String, String> env =
        RelayHarness.environment(
            dir,
            "http://127.0.0.1:1/live.ts",
            List.of(new Endpoint("yt", "rtmp://127.0.0.1:1/a", "secret-key")));
    Path keyFile = dir.resolve("keys").resolve("yt");
    Files.delete(keyFile);
    Path log = dir.resolve("relay.log");
    Process relay = start(env, log);
    assertThat(relay.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(relay.exitValue()).isEqualTo(2);
    List<String> lines = Files.readAllLines(log);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).contains(keyFile.toString()).doesNotContain("Exception");
  }

  private static Process start(Map<String, String> env, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("ONAIR_"));
    builder.environment().putAll(env);
    return builder.start();
  }
}
