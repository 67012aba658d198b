package dev.onair.encoder.config;

/** A configuration error: a bad or missing variable or file; the process exits with code 2. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
