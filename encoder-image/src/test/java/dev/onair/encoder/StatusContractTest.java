package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.contract.EncoderEnv;
import dev.onair.contract.EncoderState;
import dev.onair.contract.EncoderStatusDocument;
import dev.onair.contract.HttpPaths;
import dev.onair.contract.PodEnv;
import dev.onair.encoder.config.EncoderConfig;
import dev.onair.encoder.status.EncoderStatus;
import dev.onair.encoder.support.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The encoder's real HTTP server emits a /status the operator parses: every field it writes is a
 * field of the contract's {@link EncoderStatusDocument}, in the version the operator reads.
 */
class StatusContractTest {
  // Read as the operator's EncoderFetcher reads it: a plain ObjectMapper into the contract type.
  private static final ObjectMapper OPERATOR_JSON = new ObjectMapper();

  @Test
  void statusServedOnLoopbackParsesIntoTheContractTypeTheOperatorReads() throws Exception {
    EncoderConfig config =
        EncoderConfig.fromEnv(
            Map.of(
                EncoderEnv.SOURCE_URL, "http://127.0.0.1:9/never.m3u8",
                EncoderEnv.VIDEO_WIDTH, "640",
                EncoderEnv.VIDEO_HEIGHT, "360",
                PodEnv.HTTP_BIND, "127.0.0.1",
                PodEnv.HTTP_PORT, "0"));
    try (EncoderApp app = new EncoderApp(config)) {
      EncoderStatus status = app.status();
      status.sourceConnected();
      status.frameEncoded();
      status.frameEncoded();
      status.frameDropped();
      status.bytesOut(188 * 7);
      status.sourceLost("source ended: end of file");
      status.slateActive(true);

      HttpResponse<String> response =
          Http.get("http://127.0.0.1:" + app.httpPort() + HttpPaths.STATUS);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(fieldNames(OPERATOR_JSON.readTree(response.body())))
          .as("every field the encoder emits is in the contract, and none is missing")
          .containsExactlyElementsOf(contractFields());
      EncoderStatusDocument parsed =
          OPERATOR_JSON.readValue(response.body(), EncoderStatusDocument.class);
      assertThat(parsed.version()).isEqualTo(EncoderStatusDocument.VERSION);
      assertThat(EncoderState.valueOf(parsed.state())).isEqualTo(EncoderState.SourceLost);
      assertThat(parsed.sourceConnected()).isFalse();
      assertThat(parsed.slateActive()).isTrue();
      assertThat(parsed.frames()).isEqualTo(2L);
      assertThat(parsed.dropped()).isEqualTo(1L);
      assertThat(parsed.width()).isEqualTo(640);
      assertThat(parsed.height()).isEqualTo(360);
      assertThat(parsed.readers()).isZero();
      assertThat(parsed.since()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(parsed.lastError()).isEqualTo("source ended: end of file");
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> contractFields() {
    return Arrays.stream(EncoderStatusDocument.class.getRecordComponents())
        .map(c -> c.getName())
        .toList();
  }
}
