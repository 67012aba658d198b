package dev.onair.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderStatusDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The version 1 example of docs/pod-contracts.md, as the encoder emits it. */
  static final String VERSION_ONE =
      """
      {"version":1,"state":"Live","since":"2026-11-21T06:00:00Z","fps":29.97,"bitrateKbps":3012,
       "frames":12345,"dropped":0,"sourceConnected":true,"slateActive":false,"width":1280,
       "height":720,"readers":2,"lastError":null}
      """;

  @Test
  void theDocumentedVersionOneExampleParsesFieldByField() throws Exception {
    EncoderStatusDocument d = JSON.readValue(VERSION_ONE, EncoderStatusDocument.class);
    assertThat(d)
        .isEqualTo(
            new EncoderStatusDocument(
                1,
                "Live",
                "2026-11-21T06:00:00Z",
                29.97,
                3012,
                12345L,
                0L,
                true,
                false,
                1280,
                720,
                2,
                null));
    assertThat(d.version()).isEqualTo(EncoderStatusDocument.VERSION);
    assertThat(EncoderState.valueOf(d.state())).isEqualTo(EncoderState.Live);
  }

  @Test
  void writingAndReadingBackGivesTheSameDocument() throws Exception {
    EncoderStatusDocument d =
        new EncoderStatusDocument(
            1,
            "SourceLost",
            "2026-11-21T06:00:05Z",
            0.0,
            0,
            90L,
            3L,
            false,
            true,
            640,
            360,
            0,
            "cannot open source rtmp://origin.example: Connection refused");
    String text = JSON.writeValueAsString(d);
    assertThat(JSON.readValue(text, EncoderStatusDocument.class)).isEqualTo(d);
  }

  @Test
  void versionOneHasExactlyItsThirteenFieldsInOrderAndNullsAreWritten() throws Exception {
    EncoderStatusDocument d =
        new EncoderStatusDocument(1, "Starting", "t", 0.0, 0, 0L, 0L, false, false, 2, 2, 0, null);
    JsonNode tree = JSON.valueToTree(d);
    List<String> fields = new ArrayList<>();
    tree.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "version",
            "state",
            "since",
            "fps",
            "bitrateKbps",
            "frames",
            "dropped",
            "sourceConnected",
            "slateActive",
            "width",
            "height",
            "readers",
            "lastError");
    assertThat(tree.get("lastError").isNull()).isTrue();
  }

  @Test
  void unknownFieldsAreIgnoredAndMissingOnesAreUnknown() throws Exception {
    EncoderStatusDocument d =
        JSON.readValue(
            "{\"version\":1,\"state\":\"Live\",\"audioLevelDb\":-18.5,\"newBlock\":{\"a\":1}}",
            EncoderStatusDocument.class);
    assertThat(d.state()).isEqualTo("Live");
    assertThat(d.fps()).isNull();
    assertThat(d.sourceConnected()).isNull();
    assertThat(d.lastError()).isNull();
  }
}
