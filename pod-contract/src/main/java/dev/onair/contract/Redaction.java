package dev.onair.contract;

/**
 * The Secret-free rule: no stream key, passphrase or URL user info ever appears in a {@code
 * /status} document, a metric, a log line or an error. The relay replaces each key, raw or
 * URL-encoded, with {@link #MASK}; the encoder shows a source URL as scheme, host and port only.
 */
public final class Redaction {
  /** What stands in for a stream key (or URL user info) wherever a URL is shown. */
  public static final String MASK = "****";

  private Redaction() {}
}
