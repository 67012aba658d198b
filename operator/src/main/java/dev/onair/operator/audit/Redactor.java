package dev.onair.operator.audit;

import java.util.regex.Pattern;

/**
 * Removes what could be a credential from free text before it is recorded: everything after the
 * host of a media or web URL (RTMP stream keys are path segments), user info, and key=value pairs
 * whose name suggests a secret. Audit rows never copy spec or Secret contents in the first place;
 * this guards the messages that come from pods and other components.
 */
public final class Redactor {
  static final String MASK = "<redacted>";
  private static final Pattern URL =
      Pattern.compile(
          "(?i)\\b((?:rtmps?|rtmpt|srt|rtsp|https?|udp|tcp)://)(?:[^/@\\s]*@)?([^/\\s?#]+)[^\\s\"']*");
  private static final Pattern SECRET_PAIR =
      Pattern.compile(
          "(?i)\\b(stream[_-]?key|streamid|passphrase|password|passwd|secret|token|key|sig|signature|auth)(\\s*[=:]\\s*)[^\\s&,;\"']+");

  private Redactor() {}

  /** The text with URL paths, user info and secret-looking values masked; null stays null. */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String urlsMasked =
        URL.matcher(text)
            .replaceAll(
                m -> {
                  String rest = m.group().substring(m.group(1).length());
                  boolean hasMore = rest.contains("@") || rest.length() > m.group(2).length();
                  return java.util.regex.Matcher.quoteReplacement(
                      m.group(1) + m.group(2) + (hasMore ? "/" + MASK : ""));
                });
    return SECRET_PAIR.matcher(urlsMasked).replaceAll("$1$2" + MASK);
  }
}
