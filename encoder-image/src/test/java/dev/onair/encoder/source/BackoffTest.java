package dev.onair.encoder.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheCapAndStartsOverAfterReset() {
    Backoff backoff = new Backoff(Duration.ofSeconds(3));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(2000));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(3000));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(3000));
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
  }
}
