package dev.onair.operator.telemetry;

import dev.onair.contract.RelayStatusDocument;
import java.util.List;
import java.util.Objects;

/** Which changes of a relay's /status people should see now, not at the next interval. */
final class RelayChanges {
  private RelayChanges() {}

  /** Output states or errors changed. */
  static boolean significant(RelayStatusDocument before, RelayStatusDocument after) {
    return !Objects.equals(summary(before), summary(after));
  }

  private static List<String> summary(RelayStatusDocument d) {
    if (d.outputs() == null) {
      return List.of();
    }
    return d.outputs().stream().map(o -> o.name() + "|" + o.state() + "|" + o.lastError()).toList();
  }
}
