package dev.onair.operator.common;

import dev.onair.api.v1alpha1.KeyRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Looks up a key of a ConfigMap or Secret (from the informer caches) and checks it, returning the
 * content's digest so a content change can replace the pods that mounted it.
 */
public final class KeyedData {
  private final Function<String, Optional<ConfigMap>> configMaps;
  private final Function<String, Optional<Secret>> secrets;

  public KeyedData(
      Function<String, Optional<ConfigMap>> configMaps,
      Function<String, Optional<Secret>> secrets) {
    this.configMaps = configMaps;
    this.secrets = secrets;
  }

  /** Result of a lookup: the bytes and their digest, or the problem naming {@code field}. */
  public record Lookup(byte[] bytes, String digest, Problem problem) {
    public boolean ok() {
      return problem == null;
    }
  }

  /** Reads a ConfigMap key (data or binaryData). */
  public Lookup configMapKey(String field, KeyRef ref) {
    if (ref == null || ref.name == null || ref.key == null) {
      return missing(field, "needs name and key");
    }
    Optional<ConfigMap> cm = configMaps.apply(ref.name);
    if (cm.isEmpty()) {
      return problem(field, "ConfigMapNotFound", notConsented("ConfigMap", "configmap", ref.name));
    }
    ConfigMap map = cm.get();
    if (map.getBinaryData() != null && map.getBinaryData().containsKey(ref.key)) {
      return found(Base64.getDecoder().decode(map.getBinaryData().get(ref.key)));
    }
    if (map.getData() != null && map.getData().containsKey(ref.key)) {
      return found(map.getData().get(ref.key).getBytes(StandardCharsets.UTF_8));
    }
    return problem(
        field, "KeyNotFound", "ConfigMap '" + ref.name + "' has no key '" + ref.key + "'");
  }

  /** Reads a Secret key; the content never leaves this object except as a digest. */
  public Lookup secretKey(String field, KeyRef ref) {
    if (ref == null || ref.name == null || ref.key == null) {
      return missing(field, "needs name and key");
    }
    Optional<Secret> secret = secrets.apply(ref.name);
    if (secret.isEmpty()) {
      return problem(field, "SecretNotFound", notConsented("Secret", "secret", ref.name));
    }
    Secret s = secret.get();
    if (s.getData() != null && s.getData().containsKey(ref.key)) {
      return found(Base64.getDecoder().decode(s.getData().get(ref.key)));
    }
    if (s.getStringData() != null && s.getStringData().containsKey(ref.key)) {
      return found(s.getStringData().get(ref.key).getBytes(StandardCharsets.UTF_8));
    }
    return problem(field, "KeyNotFound", "Secret '" + ref.name + "' has no key '" + ref.key + "'");
  }

  /**
   * Why a reference does not resolve: the object is missing, or not labelled for OnAir — the two
   * look alike to the operator, which caches consented objects only — and how to consent.
   */
  private static String notConsented(String kind, String resource, String name) {
    return kind
        + " '"
        + name
        + "' not found among those labelled "
        + ConsentedObjects.LABEL
        + "=true; if it exists and may be used, run: kubectl label "
        + resource
        + " "
        + name
        + " "
        + ConsentedObjects.LABEL
        + "=true";
  }

  private static Lookup found(byte[] bytes) {
    return new Lookup(bytes, Names.sha256(bytes).substring(0, 16), null);
  }

  private static Lookup missing(String field, String detail) {
    return problem(field, "InvalidReference", detail);
  }

  private static Lookup problem(String field, String reason, String detail) {
    return new Lookup(null, null, new Problem(field, reason, detail));
  }
}
