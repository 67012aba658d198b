package dev.onair.encoder.source;

import java.io.IOException;

/** Turns a configured source URL into the URL FFmpeg opens (e.g. a YouTube page to its HLS). */
public interface SourceResolver {
  String resolve(String url) throws IOException, InterruptedException;

  /** The URL as given. */
  static SourceResolver identity() {
    return url -> url;
  }
}
