package dev.onair.operator.restream;

import dev.onair.api.v1alpha1.KeyRef;

/**
 * One output as a relay needs it: the Endpoint's name and URL, where its key and SRT passphrase
 * live (null for none), and a hash of all of it (their content included) so that any change
 * replaces the relay carrying it.
 */
public record OutputConfig(
    String endpoint, String url, KeyRef streamKey, KeyRef passphrase, String configHash) {
  /** An output without an SRT passphrase. */
  public OutputConfig(String endpoint, String url, KeyRef streamKey, String configHash) {
    this(endpoint, url, streamKey, null, configHash);
  }
}
