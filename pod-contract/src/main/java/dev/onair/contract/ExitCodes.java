package dev.onair.contract;

/** How the image processes end, as the operator reads it from the container's termination state. */
public final class ExitCodes {
  /** A clean stop after SIGTERM (or, for benchmarks, the end of the source). */
  public static final int OK = 0;

  /** Any failure other than configuration. */
  public static final int FAILURE = 1;

  /** A configuration error: bad or missing variable or file; retrying the same pod cannot help. */
  public static final int CONFIG = 2;

  private ExitCodes() {}
}
