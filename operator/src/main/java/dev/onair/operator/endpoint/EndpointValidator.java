package dev.onair.operator.endpoint;

import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointSpec;
import dev.onair.api.v1alpha1.Platform;
import dev.onair.operator.common.KeyedData;
import dev.onair.operator.common.Problem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether an Endpoint can be sent to: the URL suits the platform and the stream-key Secret
 * and key exist. Used by the Endpoint controller for its status and by the Restream controller
 * before it gives an output to a relay.
 */
public final class EndpointValidator {
  private EndpointValidator() {}

  /** A usable endpoint carries its key's digest (so a new key replaces relays), else a problem. */
  public record Result(Problem problem, String keyDigest) {
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
    if (spec.streamKeySecretRef == null) {
      if (spec.platform != Platform.custom) {
        return invalid(
            "spec.streamKeySecretRef",
            "MissingStreamKey",
            "is required for platform " + spec.platform.name());
      }
      return new Result(null, "");
    }
    KeyedData.Lookup key = data.secretKey("spec.streamKeySecretRef", spec.streamKeySecretRef);
    if (!key.ok()) {
      return new Result(key.problem(), null);
    }
    if (new String(key.bytes(), StandardCharsets.UTF_8).isBlank()) {
      return invalid("spec.streamKeySecretRef", "EmptyStreamKey", "the stream key is empty");
    }
    return new Result(null, key.digest());
  }

  private static Result invalid(String field, String reason, String detail) {
    return new Result(new Problem(field, reason, detail), null);
  }
}
