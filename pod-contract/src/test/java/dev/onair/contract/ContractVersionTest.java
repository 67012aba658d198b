package dev.onair.contract;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContractVersionTest {
  @Test
  void theSameOrAnOlderVersionAndDocumentsWithoutAVersionAreReadable() {
    assertThatCode(() -> ContractVersion.requireReadable("encoder /status", 1, 1))
        .doesNotThrowAnyException();
    assertThatCode(() -> ContractVersion.requireReadable("encoder /status", null, 1))
        .doesNotThrowAnyException();
    assertThatCode(() -> ContractVersion.requireReadable("relay /status", 1, 2))
        .doesNotThrowAnyException();
  }

  @Test
  void aNewerVersionIsRefusedSayingWhatToDo() {
    assertThatThrownBy(() -> ContractVersion.requireReadable("relay /status", 2, 1))
        .isInstanceOf(ContractVersion.TooNew.class)
        .hasMessage(
            "relay /status is contract version 2 and this operator reads up to version 1:"
                + " upgrade the operator, or run the image version that matches it");
  }
}
