package dev.onair.encoder.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Typed reads of environment variables whose errors name the variable. */
final class Env {
  private final Map<String, String> values;

  Env(Map<String, String> values) {
    this.values = values;
  }

  Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  String required(String name) throws ConfigException {
    return optional(name).orElseThrow(() -> new ConfigException(name + " is required"));
  }

  Optional<Path> path(String name) {
    return optional(name).map(Path::of);
  }

  int integer(String name, int fallback, int min, int max) throws ConfigException {
    return parsed(name, fallback, Integer::parseInt, min, max);
  }

  double decimal(String name, double fallback, double min, double max) throws ConfigException {
    return parsed(name, fallback, Double::parseDouble, min, max);
  }

  boolean bool(String name, boolean fallback) throws ConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ConfigException(name + " must be true or false, got '" + value.get() + "'");
    };
  }

  <T> T choice(String name, T fallback, Function<String, T> parser, String allowed)
      throws ConfigException {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return parser.apply(value.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          name + " must be one of " + allowed + ", got '" + value.get() + "'");
    }
  }

  private <T extends Number & Comparable<T>> T parsed(
      String name, T fallback, Function<String, T> parser, T min, T max) throws ConfigException {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return fallback;
    }
    T value;
    try {
      value = parser.apply(text.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + " must be a number, got '" + text.get() + "'");
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(
          name + " must be between " + min + " and " + max + ", got " + text.get());
    }
    return value;
  }
}
