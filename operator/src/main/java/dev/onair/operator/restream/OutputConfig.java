package dev.onair.operator.restream;

import dev.onair.api.v1alpha1.KeyRef;

/**
 * One output as a relay needs it: the Endpoint's name and URL, where its key lives, and a hash of
 * all of it (key content included) so that any change replaces the relay carrying it.
 */
public record OutputConfig(String endpoint, String url, KeyRef streamKey, String configHash) {}
