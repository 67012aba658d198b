package dev.onair.operator.endpoint;

import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointSpec;
import dev.onair.api.v1alpha1.Platform;
import dev.onair.operator.common.KeyedData;
import dev.onair.operator.common.Problem;
import dev.onair.operator.common.SrtPassphrases;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decides whether an Endpoint can be sent to: the URL suits the platform and carries no passphrase,
 * and the stream-key and SRT passphrase Secrets and keys exist. Used by the Endpoint controller for
 * its status and by the Restream controller before it gives an output to a relay.
 */
public final class EndpointValidator {
  private EndpointValidator() {}

  /**
   * A usable endpoint carries the digests of its key and SRT passphrase ("" for none), so that a
   * new key or passphrase replaces the relays; else a problem.
   */
  public record Result(Problem problem, String keyDigest, String passphraseDigest) {
    public boolean usable() {
      return problem == null;
    }
  }

  public static Result validate(Endpoint endpoint, KeyedData data) {
    EndpointSpec spec = endpoint.getSpec();
    if (spec == null || spec.platform == null) {
      return invalid("spec.platform", "MissingField", "is required");
    }
    if (spec.url == null) {
      return invalid("spec.url", "MissingField", "is required");
    }
    String scheme;
    try {
      URI uri = new URI(spec.url);
      scheme = uri.getScheme();
      if (uri.getHost() == null) {
        return invalid("spec.url", "InvalidURL", "has no host");
      }
    } catch (URISyntaxException e) {
      return invalid("spec.url", "InvalidURL", "is not a URL");
    }
    if (spec.platform == Platform.facebook && !"rtmps".equals(scheme)) {
      return invalid("spec.url", "InsecureURL", "Facebook accepts rtmps:// only");
    }
    if (!"rtmp".equals(scheme) && !"rtmps".equals(scheme) && !"srt".equals(scheme)) {
      return invalid(
          "spec.url", "UnsupportedScheme", "must start with rtmp://, rtmps:// or srt://");
    }
    if (SrtPassphrases.inUrl(spec.url)) {
      return invalid(
          "spec.url",
          "PassphraseInURL",
          "carries passphrase=; put the SRT passphrase in a Secret and name it in"
              + " spec.passphraseSecretRef");
    }
    if (spec.passphraseSecretRef != null && !"srt".equals(scheme)) {
      return invalid("spec.passphraseSecretRef", "InvalidPassphrase", "needs an srt:// spec.url");
    }
    String keyDigest = "";
    if (spec.streamKeySecretRef == null) {
      if (spec.platform != Platform.custom) {
        return invalid(
            "spec.streamKeySecretRef",
            "MissingStreamKey",
            "is required for platform " + spec.platform.name());
      }
    } else {
      KeyedData.Lookup key = data.secretKey("spec.streamKeySecretRef", spec.streamKeySecretRef);
      if (!key.ok()) {
        return new Result(key.problem(), null, null);
      }
      if (new String(key.bytes(), StandardCharsets.UTF_8).isBlank()) {
        return invalid("spec.streamKeySecretRef", "EmptyStreamKey", "the stream key is empty");
      }
      keyDigest = key.digest();
    }
    if (spec.passphraseSecretRef == null) {
      return new Result(null, keyDigest, "");
    }
    KeyedData.Lookup pass = data.secretKey("spec.passphraseSecretRef", spec.passphraseSecretRef);
    if (!pass.ok()) {
      return new Result(pass.problem(), null, null);
    }
    if (!SrtPassphrases.validLength(pass.bytes())) {
      return invalid(
          "spec.passphraseSecretRef",
          "InvalidPassphrase",
          "SRT passphrases are 10 to 79 characters");
    }
    return new Result(null, keyDigest, pass.digest());
  }

  /** The Secrets an Endpoint names: its stream key's and its SRT passphrase's. */
  public static List<String> secretNames(Endpoint e) {
    if (e.getSpec() == null) {
      return List.of();
    }
    return Stream.of(e.getSpec().streamKeySecretRef, e.getSpec().passphraseSecretRef)
        .filter(ref -> ref != null && ref.name != null)
        .map(ref -> ref.name)
        .distinct()
        .toList();
  }

  private static Result invalid(String field, String reason, String detail) {
    return new Result(new Problem(field, reason, detail), null, null);
  }
}
