package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InterruptFlagTest {
  @Test
  void nativeCallbackAnswersWhatTheFlagSays() {
    InterruptFlag flag = new InterruptFlag();
    assertThat(flag.poll()).isZero();
    flag.raise();
    assertThat(flag.raised()).isTrue();
    assertThat(flag.poll()).isEqualTo(1);
    flag.lower();
    assertThat(flag.poll()).isZero();
  }
}
