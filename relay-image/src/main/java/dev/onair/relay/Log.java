package dev.onair.relay;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One-line logging to stderr; every line passes through the redactor, whoever wrote it. */
public final class Log {
  private static volatile Redactor redactor = Redactor.none();
  private static volatile PrintStream out = System.err;

  private Log() {}

  static void useRedactor(Redactor value) {
    redactor = value;
  }

  /** Where lines go; tests point this at a buffer to scan it. */
  public static void useStream(PrintStream value) {
    out = value;
  }

  public static void info(String message) {
    write("INFO", message);
  }

  public static void warn(String message) {
    write("WARN", message);
  }

  public static void error(String message) {
    write("ERROR", message);
  }

  private static void write(String level, String message) {
    String line =
        Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " " + redactor.redact(message);
    PrintStream stream = out;
    synchronized (stream) {
      stream.println(line);
    }
  }
}
