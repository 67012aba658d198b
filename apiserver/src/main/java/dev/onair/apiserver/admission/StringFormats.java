package dev.onair.apiserver.admission;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The string formats kube-apiserver checks in custom resources (go-openapi's strfmt registry after
 * apiextensions strips unsupported ones). Formats kube does not check, such as int32 on an integer,
 * are only a hint and pass.
 */
final class StringFormats {
  private static final Pattern HOSTNAME =
      Pattern.compile(
          "^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z\\p{L}]){2,63})$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern UUID =
      Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
  private static final Pattern IPV4 =
      Pattern.compile(
          "^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$");
  private static final Pattern MAC = Pattern.compile("^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$");
  private static final Pattern HEX_COLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
  private static final Pattern RGB_COLOR =
      Pattern.compile("^rgb\\(\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*,\\s*(\\d{1,3})\\s*\\)$");
  private static final Pattern DURATION =
      Pattern.compile(
          "^(-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|ms|s|m|h|d|w))+$|^[0-9]+\\s*(ns|us|ms|s|m|h|d|w|second|seconds|minute|minutes|hour|hours|day|days|week|weeks)?$");
  private static final Pattern BAD_ESCAPE = Pattern.compile("%(?![0-9a-fA-F]{2})");
  private static final Pattern BSON_OBJECT_ID = Pattern.compile("^[0-9a-fA-F]{24}$");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern(
          "yyyy-MM-dd['T'][' ']HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS][XXX][X]");

  private final Map<String, Predicate<String>> checks =
      Map.ofEntries(
          Map.entry("date-time", StringFormats::dateTime),
          Map.entry("datetime", StringFormats::dateTime),
          Map.entry("date", StringFormats::date),
          Map.entry("byte", StringFormats::base64),
          Map.entry("uri", StringFormats::uri),
          Map.entry("email", s -> EMAIL.matcher(s).matches()),
          Map.entry("hostname", s -> s.length() <= 255 && HOSTNAME.matcher(s).matches()),
          Map.entry("ipv4", s -> IPV4.matcher(s).matches()),
          Map.entry("ipv6", StringFormats::ipv6),
          Map.entry("cidr", StringFormats::cidr),
          Map.entry("mac", s -> MAC.matcher(s).matches()),
          Map.entry("uuid", s -> UUID.matcher(s).matches()),
          Map.entry("uuid3", s -> UUID.matcher(s).matches()),
          Map.entry("uuid4", s -> UUID.matcher(s).matches()),
          Map.entry("uuid5", s -> UUID.matcher(s).matches()),
          Map.entry("hexcolor", s -> HEX_COLOR.matcher(s).matches()),
          Map.entry("rgbcolor", s -> RGB_COLOR.matcher(s).matches()),
          Map.entry("duration", s -> DURATION.matcher(s).matches()),
          Map.entry("bsonobjectid", s -> BSON_OBJECT_ID.matcher(s).matches()),
          Map.entry("password", s -> true));

  /** Formats kube lists as supported but whose check is not reproduced here: they pass. */
  private static final Set<String> UNCHECKED =
      Set.of("isbn", "isbn10", "isbn13", "creditcard", "ssn");

  boolean knows(String format) {
    return checks.containsKey(format) || UNCHECKED.contains(format);
  }

  boolean valid(String format, String s) {
    Predicate<String> check = checks.get(format);
    return check == null || check.test(s);
  }

  private static boolean dateTime(String s) {
    try {
      OffsetDateTime.parse(s.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'));
      return true;
    } catch (DateTimeParseException e) {
      try {
        DATE_TIME.parse(s);
        return true;
      } catch (DateTimeParseException again) {
        return false;
      }
    }
  }

  private static boolean date(String s) {
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean base64(String s) {
    try {
      Base64.getDecoder().decode(s.replace("\r", "").replace("\n", ""));
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Go's url.Parse accepts nearly anything; it refuses control characters, bad percent escapes and
   * a missing scheme before a colon.
   */
  private static boolean uri(String s) {
    return s.chars().noneMatch(c -> c < 0x20 || c == 0x7f)
        && !BAD_ESCAPE.matcher(s).find()
        && !s.startsWith(":");
  }

  private static boolean ipv6(String s) {
    if (!s.contains(":") || !s.matches("^[0-9a-fA-F:.]+$")) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address
          || java.net.InetAddress.getByName(s) instanceof java.net.Inet4Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean cidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String address = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    if (!bits.matches("^[0-9]{1,3}$")) {
      return false;
    }
    int prefix = Integer.parseInt(bits);
    if (IPV4.matcher(address).matches()) {
      return prefix <= 32;
    }
    return ipv6(address) && prefix <= 128;
  }
}
