package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheCapWithJitterInTheUpperHalf() {
    Backoff low = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
    Backoff high = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.999);
    long[] ceilings = {1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (long ceiling : ceilings) {
      assertThat(low.next().toMillis()).isEqualTo(ceiling / 2);
      assertThat(high.next().toMillis()).isBetween(ceiling * 99 / 100, ceiling);
    }
  }

  @Test
  void resetStartsOverAndCountsFailures() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0);
    backoff.next();
    backoff.next();
    assertThat(backoff.failures()).isEqualTo(2);
    backoff.reset();
    assertThat(backoff.failures()).isZero();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void manyFailuresNeverOverflow() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(30));
    }
  }
}
