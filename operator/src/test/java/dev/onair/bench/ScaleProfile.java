package dev.onair.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Production pacing for the scale benchmark (the test profile polls much faster). */
public class ScaleProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "onair.telemetry.poll-interval", "3s",
        "onair.telemetry.request-timeout", "2s",
        "onair.restarts.initial-backoff", "5s",
        // With thousands of objects a list takes a while; the driver must not give up.
        "quarkus.kubernetes-client.request-timeout", "PT60S");
  }
}
