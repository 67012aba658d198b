package dev.onair.relay;

import java.util.List;

/** The /status JSON, version 1, as written in docs/pod-contracts.md. */
public record StatusDocument(int version, Input input, List<Output> outputs) {
  static final int VERSION = 1;

  /** The input part of /status. */
  public record Input(boolean connected, String since, String lastError) {}

  /** One output in /status; {@code url} is always redacted. */
  public record Output(
      String name,
      String url,
      String state,
      String since,
      long bytesSent,
      long bitrateKbps,
      long reconnects,
      String lastError) {}
}
