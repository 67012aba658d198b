package dev.onair.contract;

/** What one relay output is doing: its {@code state} in {@link RelayStatusDocument.Output}. */
public enum RelayOutputState {
  /** Opening its first session, or waiting for input to open one. */
  Connecting,
  /** A session is open and its writes are being accepted. */
  Live,
  /** The session failed; waiting for the backoff or opening a new one. */
  Reconnecting,
  /** Several attempts in a row failed; still retrying at the capped backoff. */
  Failed
}
