package dev.onair.operator.common;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules every SRT passphrase follows, for push and pull sources and SRT endpoints alike: it
 * comes from a consented Secret, holds 10 to 79 characters (what libsrt accepts), and is never
 * written into a URL, where it would reach specs, pod env, {@code /status} and logs. The validators
 * turn a broken rule into a problem naming their own field.
 */
public final class SrtPassphrases {
  private static final Pattern IN_QUERY = Pattern.compile("[?&]passphrase=");

  private SrtPassphrases() {}

  /** Whether {@code url} is an srt:// URL. */
  public static boolean isSrt(String url) {
    return url != null && url.toLowerCase(Locale.ROOT).startsWith("srt://");
  }

  /** Whether {@code url} is an srt:// URL carrying the passphrase as a query parameter. */
  public static boolean inUrl(String url) {
    return isSrt(url) && IN_QUERY.matcher(url.toLowerCase(Locale.ROOT)).find();
  }

  /** Whether the Secret's bytes, stripped as the images strip them, are a length libsrt takes. */
  public static boolean validLength(byte[] secret) {
    int length = new String(secret, StandardCharsets.UTF_8).strip().length();
    return length >= 10 && length <= 79;
  }
}
