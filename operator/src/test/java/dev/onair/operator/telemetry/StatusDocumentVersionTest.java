package dev.onair.operator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.onair.contract.ContractVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The operator reads the /status documents of its own contract version and refuses newer ones. */
class StatusDocumentVersionTest {
  @Test
  void anEncoderDocumentOfTheOperatorsVersionIsRead() {
    assertThat(EncoderFetcher.parse(bytes("{\"version\":1,\"state\":\"Live\",\"fps\":25.0}")).fps())
        .isEqualTo(25.0);
  }

  @Test
  void aNewerEncoderDocumentIsRefusedNotMisread() {
    assertThatThrownBy(() -> EncoderFetcher.parse(bytes("{\"version\":2,\"state\":\"Live\"}")))
        .isInstanceOf(ContractVersion.TooNew.class)
        .hasMessageStartingWith(
            "the encoder's /status is contract version 2 and this operator reads up to version 1");
  }

  @Test
  void aNewerRelayDocumentIsRefusedNotMisread() {
    assertThatThrownBy(() -> RelayFetcher.parse(bytes("{\"version\":3,\"outputs\":[]}")))
        .isInstanceOf(ContractVersion.TooNew.class)
        .hasMessageContaining("the relay's /status is contract version 3");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
