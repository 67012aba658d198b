package dev.onair.operator.restream;

import dev.onair.api.v1alpha1.RestreamStatus;
import java.time.Instant;

/**
 * Relay failures in a row remembered in status, for the replacement backoff; cleared ({@link
 * #healthy}) once every output has been Live for {@code onair.restarts.healthy-after}.
 */
record RelayRun(int failures, Instant lastFailureAt, String lastError) {
  static RelayRun from(RestreamStatus status) {
    if (status == null || status.restarts == null) {
      return new RelayRun(0, null, status == null ? null : status.lastError);
    }
    return new RelayRun(
        status.restarts,
        status.lastFailureAt == null ? null : Instant.parse(status.lastFailureAt),
        status.lastError);
  }

  RelayRun failed(Instant now, String error) {
    return new RelayRun(failures + 1, now, error);
  }

  RelayRun healthy() {
    return new RelayRun(0, null, null);
  }
}
