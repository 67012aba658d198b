package dev.onair.relay;

/** What an output is doing, as shown in /status. */
public enum OutputState {
  /** Opening its first session, or waiting for input to open one. */
  Connecting,
  /** A session is open and its writes are being accepted. */
  Live,
  /** The session failed; waiting for the backoff or opening a new one. */
  Reconnecting,
  /** Several attempts in a row failed; still retrying at the capped backoff. */
  Failed
}
