package dev.onair.relay;

import dev.onair.contract.Redaction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One endpoint the relay pushes to: its name, public URL, (optional) stream key and (optional) SRT
 * passphrase.
 *
 * <p>The key only ever leaves this class inside {@link #publishUrl()}, which is handed to FFmpeg
 * and nowhere else; the passphrase only as the SRT protocol option of {@link #srtPassphrase()},
 * never in a URL; {@link #toString()} and {@link #displayUrl()} are redacted.
 */
public final class OutputTarget {
  static final String MASK = Redaction.MASK;

  private final String name;
  private final String url;
  private final String key;
  private final String passphrase;

  public OutputTarget(String name, String url, String key) {
    this(name, url, key, null);
  }

  public OutputTarget(String name, String url, String key, String passphrase) {
    this.name = name;
    this.url = url;
    this.key = key == null || key.isEmpty() ? null : key;
    this.passphrase = passphrase == null || passphrase.isEmpty() ? null : passphrase;
  }

  public String name() {
    return name;
  }

  /** The key, for the redactor only. */
  String key() {
    return key;
  }

  /** The SRT passphrase, for the protocol option and the redactor only; null when none. */
  String srtPassphrase() {
    return passphrase;
  }

  public boolean hasKey() {
    return key != null;
  }

  public String scheme() {
    int colon = url.indexOf(':');
    return colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** FLV for RTMP(S), MPEG-TS for SRT. */
  public String muxer() {
    return "srt".equals(scheme()) ? "mpegts" : "flv";
  }

  /** The URL with the key joined in: for FFmpeg only, never for printing. */
  String publishUrl() {
    return join(key == null ? null : (isSrt() ? urlEncode(key) : key));
  }

  /** The URL as printed anywhere: the key replaced by {@value #MASK}, user info masked. */
  public String displayUrl() {
    return Redactor.maskUserInfo(join(key == null ? null : MASK));
  }

  private boolean isSrt() {
    return "srt".equals(scheme());
  }

  private String join(String joinedKey) {
    if (joinedKey == null) {
      return url;
    }
    if (isSrt()) {
      return url + (url.contains("?") ? "&" : "?") + "streamid=" + joinedKey;
    }
    return (url.endsWith("/") ? url : url + "/") + joinedKey;
  }

  static String urlEncode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return name + " " + displayUrl();
  }
}
