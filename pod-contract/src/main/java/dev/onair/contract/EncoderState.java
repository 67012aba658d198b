package dev.onair.contract;

/** The encoder's {@code state} in {@link EncoderStatusDocument}. */
public enum EncoderState {
  /** Started; no source picture yet. */
  Starting,
  /** The source delivers pictures and they are on air. */
  Live,
  /** The source is gone; the slate is on air while it reconnects. */
  SourceLost,
  /** A fatal error (e.g. a bad overlay file); {@code lastError} says which. */
  Failed,
  /** Shutting down after SIGTERM. */
  Stopping
}
