package dev.onair.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values printed the way Go prints them, because kube-apiserver's messages are built with fmt:
 * {@code %q} for strings, {@code %v} for numbers (1e+06, 0.05), {@code %#v} for the maps and slices
 * of an unstructured object.
 */
final class GoText {
  private GoText() {}

  /** A bad value as field.Error.ErrorBody() shows it; Java null and JSON null both print null. */
  static String errorValue(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return quote("null");
    }
    if (value.isTextual()) {
      return quote(value.asText());
    }
    if (value.isNumber() || value.isBoolean()) {
      return plain(value);
    }
    return sharp(value);
  }

  /** {@code %v} of a scalar: numbers bare, strings unquoted. */
  static String plain(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return number(value.doubleValue());
    }
    return value.asText();
  }

  /** {@code %v} of a float64: the shortest digits, exponent form outside 1e-4 ≤ |x| < 1e+06. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    String digits = exact.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - exact.scale();
    if (exponent < -4 || exponent >= 6) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String sign = exponent < 0 ? "-" : "+";
      int abs = Math.abs(exponent);
      return (d < 0 ? "-" : "") + mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }
    return exact.toPlainString();
  }

  /** {@code %#v} of an unstructured value: map[string]interface {}{"a":1}, []interface {}{...}. */
  static String sharp(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "interface {}(nil)";
    }
    if (value.isObject()) {
      List<String> keys = new ArrayList<>();
      value.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      List<String> entries = new ArrayList<>();
      for (String key : keys) {
        entries.add(quote(key) + ":" + sharp(value.get(key)));
      }
      return "map[string]interface {}{" + String.join(", ", entries) + "}";
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(sharp(item)));
      return "[]interface {}{" + String.join(", ", items) + "}";
    }
    if (value.isTextual()) {
      return quote(value.asText());
    }
    return plain(value);
  }

  private static final Map<Integer, String> ESCAPES =
      Map.of(
          7, "\\a", 8, "\\b", 12, "\\f", 10, "\\n", 13, "\\r", 9, "\\t", 11, "\\v", 34, "\\\"", 92,
          "\\\\");

  /** strconv.Quote: a double-quoted Go string literal, printable Unicode kept as it is. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              String escape = ESCAPES.get(c);
              if (escape != null) {
                out.append(escape);
              } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
              } else if (!printable(c)) {
                out.append(c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.append('"').toString();
  }

  private static boolean printable(int c) {
    int type = Character.getType(c);
    return c == ' '
        || !(Character.isISOControl(c)
            || Character.isWhitespace(c)
            || type == Character.UNASSIGNED
            || type == Character.FORMAT
            || type == Character.SURROGATE
            || type == Character.PRIVATE_USE
            || type == Character.SPACE_SEPARATOR
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR);
  }
}
