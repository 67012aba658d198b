package dev.onair.encoder.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.contract.EncoderState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderStatusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clock clock =
      Clock.fixed(Instant.parse("2026-11-21T06:00:00.250Z"), ZoneOffset.UTC);

  @Test
  void statusJsonHasExactlyTheFieldsOfVersionOne() throws Exception {
    EncoderStatus status = new EncoderStatus(clock, 1280, 720);
    JsonNode json = JSON.valueToTree(status.document());
    List<String> fields = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactlyInAnyOrder(
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
    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("state").asText()).isEqualTo("Starting");
    assertThat(json.get("since").asText()).isEqualTo("2026-11-21T06:00:00Z");
    assertThat(json.get("lastError").isNull()).isTrue();
  }

  @Test
  void stateFollowsTheSource() {
    EncoderStatus status = new EncoderStatus(clock, 1280, 720);
    status.sourceLost("cannot open source rtmp://x: Connection refused");
    assertThat(status.state()).isEqualTo(EncoderState.SourceLost);
    assertThat(status.isSourceConnected()).isFalse();
    status.sourceConnected();
    assertThat(status.state()).isEqualTo(EncoderState.Live);
    assertThat(status.lastError()).contains("Connection refused");
    status.stopping();
    status.sourceLost("gone");
    assertThat(status.state()).isEqualTo(EncoderState.Stopping);
  }

  @Test
  void countsFramesAndReportsReadiness() {
    EncoderStatus status = new EncoderStatus(clock, 1280, 720);
    assertThat(status.hasOutput()).isFalse();
    assertThat(status.nanosSinceLastFrame()).isEqualTo(-1);
    status.frameEncoded();
    status.frameEncoded();
    assertThat(status.frames()).isEqualTo(2);
    assertThat(status.hasOutput()).isTrue();
    assertThat(status.nanosSinceLastFrame()).isBetween(0L, 1_000_000_000L);
  }
}
