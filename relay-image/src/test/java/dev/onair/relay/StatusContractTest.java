package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.contract.HttpPaths;
import dev.onair.contract.Redaction;
import dev.onair.contract.RelayOutputState;
import dev.onair.contract.RelayStatusDocument;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's real status server, configured from the files the operator mounts, emits a /status
 * the operator parses: every field at every level is a field of the contract's {@link
 * RelayStatusDocument}, in the version the operator reads, and no stream key is in it.
 */
class StatusContractTest {
  // Read as the operator's RelayFetcher reads it: a plain ObjectMapper into the contract type.
  private static final ObjectMapper OPERATOR_JSON = new ObjectMapper();
  private static final String KEY = "live-key/s3cr3t+1";

  @TempDir Path dir;

  @Test
  void statusServedOnLoopbackParsesIntoTheContractTypeTheOperatorReads() throws Exception {
    RelayConfig config =
        RelayConfig.fromEnv(
            RelayHarness.environment(
                dir,
                "http://127.0.0.1:9/live.ts",
                List.of(
                    new RelayHarness.Endpoint("youtube-main", "rtmp://127.0.0.1:9/live2", KEY),
                    new RelayHarness.Endpoint("own-server", "srt://127.0.0.1:9", KEY),
                    new RelayHarness.Endpoint("plain", "rtmp://127.0.0.1:9/app", null))));
    // HTTP only: the input and output threads are never started, so nothing leaves loopback.
    Relay relay = new Relay(config, Clock.systemUTC());
    try {
      HttpResponse<String> response = RelayHarness.response(relay.httpPort(), HttpPaths.STATUS);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).doesNotContain(KEY).doesNotContain(OutputTarget.urlEncode(KEY));
      JsonNode tree = OPERATOR_JSON.readTree(response.body());
      assertThat(names(tree)).containsExactlyElementsOf(fields(RelayStatusDocument.class));
      assertThat(names(tree.get("input")))
          .containsExactlyElementsOf(fields(RelayStatusDocument.Input.class));
      for (JsonNode output : tree.get("outputs")) {
        assertThat(names(output))
            .containsExactlyElementsOf(fields(RelayStatusDocument.Output.class));
      }

      RelayStatusDocument parsed =
          OPERATOR_JSON.readValue(response.body(), RelayStatusDocument.class);
      assertThat(parsed.version()).isEqualTo(RelayStatusDocument.VERSION);
      assertThat(parsed.input().connected()).isFalse();
      assertThat(parsed.outputs())
          .extracting(RelayStatusDocument.Output::name)
          .containsExactly("youtube-main", "own-server", "plain");
      assertThat(parsed.outputs())
          .extracting(RelayStatusDocument.Output::url)
          .containsExactly(
              "rtmp://127.0.0.1:9/live2/" + Redaction.MASK,
              "srt://127.0.0.1:9?streamid=" + Redaction.MASK,
              "rtmp://127.0.0.1:9/app");
      assertThat(parsed.outputs())
          .allSatisfy(
              o -> {
                assertThat(RelayOutputState.valueOf(o.state()))
                    .isEqualTo(RelayOutputState.Connecting);
                assertThat(o.bytesSent()).isZero();
                assertThat(o.bitrateKbps()).isZero();
                assertThat(o.reconnects()).isZero();
                assertThat(o.since()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
              });
    } finally {
      relay.stop(Duration.ofMillis(500));
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> fields(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
