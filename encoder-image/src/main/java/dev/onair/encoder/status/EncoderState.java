package dev.onair.encoder.status;

/** The encoder's state as published in /status. */
public enum EncoderState {
  Starting,
  Live,
  SourceLost,
  Failed,
  Stopping
}
