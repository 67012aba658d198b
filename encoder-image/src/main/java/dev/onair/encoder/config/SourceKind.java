package dev.onair.encoder.config;

/** How the encoder gets its source. */
public enum SourceKind {
  /** Pull HLS, HTTP(S) files, RTMP(S) or SRT (caller). */
  PULL,
  /** Listen for an SRT caller such as OBS. */
  SRT_PUSH,
  /** Resolve a YouTube live page to its HLS manifest, then pull that. */
  YOUTUBE;

  static SourceKind parse(String value) {
    return switch (value.trim()) {
      case "pull" -> PULL;
      case "srt-push" -> SRT_PUSH;
      case "youtube" -> YOUTUBE;
      default -> throw new IllegalArgumentException(value);
    };
  }
}
