package dev.onair.relay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Removes stream keys (raw and URL-encoded) and URL user info from any text before it is shown. */
public final class Redactor {
  private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

  private final List<String> secrets;

  public Redactor(Collection<String> keys) {
    List<String> all = new ArrayList<>();
    for (String key : keys) {
      if (key == null || key.isEmpty()) {
        continue;
      }
      all.add(key);
      String encoded = OutputTarget.urlEncode(key);
      if (!encoded.equals(key)) {
        all.add(encoded);
      }
    }
    // Longest first, so a key that contains another key is masked whole.
    all.sort((a, b) -> b.length() - a.length());
    this.secrets = List.copyOf(all);
  }

  public static Redactor none() {
    return new Redactor(List.of());
  }

  public String redact(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, OutputTarget.MASK);
    }
    return maskUserInfo(result);
  }

  static String maskUserInfo(String text) {
    return USER_INFO.matcher(text).replaceAll("$1" + OutputTarget.MASK + "@");
  }
}
