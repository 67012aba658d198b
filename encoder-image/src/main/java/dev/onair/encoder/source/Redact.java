package dev.onair.encoder.source;

import java.net.URI;

/** Shortens URLs for logs and status: no user info, path or query, which may carry secrets. */
public final class Redact {
  private Redact() {}

  public static String url(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(source)";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    } catch (IllegalArgumentException e) {
      return "(source)";
    }
  }
}
