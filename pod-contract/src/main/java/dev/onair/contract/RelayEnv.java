package dev.onair.contract;

/**
 * Environment variables of the relay image (a few outputs of one Restream), besides {@link PodEnv}.
 */
public final class RelayEnv {
  /** The encoder's stream the relay reads, {@code http://<encoder service>:8080/live.ts}. */
  public static final String INPUT_URL = "ONAIR_INPUT_URL";

  /** The outputs file ({@link OutputsFile}); default {@link Mounts#OUTPUTS_FILE}. */
  public static final String OUTPUTS_FILE = "ONAIR_OUTPUTS_FILE";

  /** Seconds outputs are held open while the input is gone. */
  public static final String INPUT_GAP_SECONDS = "ONAIR_INPUT_GAP_SECONDS";

  /** Kernel send buffer per output socket in KiB; unset leaves it to the OS. */
  public static final String SEND_BUFFER_KB = "ONAIR_SEND_BUFFER_KB";

  private RelayEnv() {}
}
