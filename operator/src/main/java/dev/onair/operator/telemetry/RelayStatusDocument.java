package dev.onair.operator.telemetry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/** A relay's {@code /status} (docs/pod-contracts.md, version 1); unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RelayStatusDocument(Integer version, Input input, List<Output> outputs) {

  /** The relay's view of the encoder stream it reads. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input(Boolean connected, String since, String lastError) {}

  /** One output as the relay measures it; URLs arrive redacted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Output(
      String name,
      String url,
      String state,
      String since,
      Long bytesSent,
      Integer bitrateKbps,
      Integer reconnects,
      String lastError) {}

  /** Output states or errors changed: people should see it now, not at the next interval. */
  public static boolean significantChange(RelayStatusDocument before, RelayStatusDocument after) {
    return !Objects.equals(summary(before), summary(after));
  }

  private static List<String> summary(RelayStatusDocument d) {
    if (d.outputs() == null) {
      return List.of();
    }
    return d.outputs().stream().map(o -> o.name() + "|" + o.state() + "|" + o.lastError()).toList();
  }
}
