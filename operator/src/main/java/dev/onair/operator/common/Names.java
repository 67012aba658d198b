package dev.onair.operator.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Kubernetes-safe names for owned objects, derived from the owner's name. */
public final class Names {
  private static final int DNS_LABEL_MAX = 63;

  private Names() {}

  /**
   * {@code base-suffix}, shortened with a hash of the full name when it would exceed 63 characters
   * (Services and label values must be DNS labels).
   */
  public static String child(String base, String suffix) {
    String name = base + "-" + suffix;
    if (name.length() <= DNS_LABEL_MAX) {
      return name;
    }
    String hash = sha256(name).substring(0, 8);
    int keep = DNS_LABEL_MAX - suffix.length() - hash.length() - 2;
    return base.substring(0, keep).replaceAll("-+$", "") + "-" + hash + "-" + suffix;
  }

  /** A label value for a resource name (label values are limited to 63 characters). */
  public static String labelValue(String name) {
    if (name.length() <= DNS_LABEL_MAX) {
      return name;
    }
    return name.substring(0, 54).replaceAll("[-.]+$", "") + "-" + sha256(name).substring(0, 8);
  }

  /** Hex SHA-256 of a string. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Hex SHA-256 of bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
