package dev.onair.relay;

/** A configuration problem a person must fix; the relay exits with code 2 and one log line. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
