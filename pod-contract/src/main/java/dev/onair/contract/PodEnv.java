package dev.onair.contract;

/**
 * Environment variables both images read; each image adds its own in {@link EncoderEnv} and {@link
 * RelayEnv}.
 */
public final class PodEnv {
  /**
   * Port the HTTP server (status, metrics, probes, the stream) listens on; default {@link
   * PodPorts#HTTP}.
   */
  public static final String HTTP_PORT = "ONAIR_HTTP_PORT";

  /**
   * Address the HTTP server binds; default {@code 0.0.0.0}, tests and the sandbox use a loopback
   * address.
   */
  public static final String HTTP_BIND = "ONAIR_HTTP_BIND";

  /** PEM bundle TLS certificates are verified against; default {@link Mounts#DEFAULT_CA_FILE}. */
  public static final String CA_FILE = "ONAIR_CA_FILE";

  /** Cap, in seconds, of the reconnect backoff (the encoder's source, each relay output). */
  public static final String RECONNECT_MAX_SECONDS = "ONAIR_RECONNECT_MAX_SECONDS";

  private PodEnv() {}
}
