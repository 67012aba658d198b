package dev.onair.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayStatusDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The version 1 example of docs/pod-contracts.md, as the relay emits it. */
  static final String VERSION_ONE =
      """
      {"version":1,
       "input":{"connected":true,"since":"2026-11-21T06:00:00Z","lastError":null},
       "outputs":[{"name":"youtube-main","url":"rtmp://a.rtmp.youtube.com/live2/****",
                   "state":"Live","since":"2026-11-21T06:00:02Z","bytesSent":123456789,
                   "bitrateKbps":3140,"reconnects":0,"lastError":null}]}
      """;

  @Test
  void theDocumentedVersionOneExampleParsesFieldByField() throws Exception {
    RelayStatusDocument d = JSON.readValue(VERSION_ONE, RelayStatusDocument.class);
    assertThat(d.version()).isEqualTo(RelayStatusDocument.VERSION);
    assertThat(d.input())
        .isEqualTo(new RelayStatusDocument.Input(true, "2026-11-21T06:00:00Z", null));
    assertThat(d.outputs())
        .containsExactly(
            new RelayStatusDocument.Output(
                "youtube-main",
                "rtmp://a.rtmp.youtube.com/live2/" + Redaction.MASK,
                "Live",
                "2026-11-21T06:00:02Z",
                123456789L,
                3140,
                0,
                null));
    assertThat(RelayOutputState.valueOf(d.outputs().get(0).state()))
        .isEqualTo(RelayOutputState.Live);
  }

  @Test
  void writingAndReadingBackGivesTheSameDocument() throws Exception {
    RelayStatusDocument d =
        new RelayStatusDocument(
            1,
            new RelayStatusDocument.Input(false, "2026-11-21T06:01:00Z", "input: end of stream"),
            List.of(
                new RelayStatusDocument.Output(
                    "a", "srt://b:9000?streamid=****", "Reconnecting", "t", 10L, 0, 2, "refused"),
                new RelayStatusDocument.Output(
                    "b", "rtmp://c/live", "Connecting", "t", 0L, 0, 0, null)));
    String text = JSON.writeValueAsString(d);
    assertThat(JSON.readValue(text, RelayStatusDocument.class)).isEqualTo(d);
  }

  @Test
  void versionOneHasExactlyItsFieldsInOrder() throws Exception {
    RelayStatusDocument d =
        new RelayStatusDocument(
            1,
            new RelayStatusDocument.Input(true, "t", null),
            List.of(new RelayStatusDocument.Output("a", "u", "Live", "t", 1L, 2, 3, null)));
    JsonNode tree = JSON.valueToTree(d);
    assertThat(names(tree)).containsExactly("version", "input", "outputs");
    assertThat(names(tree.get("input"))).containsExactly("connected", "since", "lastError");
    assertThat(names(tree.get("outputs").get(0)))
        .containsExactly(
            "name", "url", "state", "since", "bytesSent", "bitrateKbps", "reconnects", "lastError");
  }

  @Test
  void unknownFieldsAreIgnoredAtEveryLevel() throws Exception {
    RelayStatusDocument d =
        JSON.readValue(
            "{\"version\":1,\"extra\":true,\"input\":{\"connected\":false,\"packets\":5},"
                + "\"outputs\":[{\"name\":\"a\",\"state\":\"Failed\",\"droppedPackets\":7}]}",
            RelayStatusDocument.class);
    assertThat(d.input().connected()).isFalse();
    assertThat(d.outputs().get(0).state()).isEqualTo("Failed");
    assertThat(d.outputs().get(0).bytesSent()).isNull();
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
