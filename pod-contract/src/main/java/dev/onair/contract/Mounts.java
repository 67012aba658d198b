package dev.onair.contract;

/** Where the operator mounts files into the pods, and the images' default file locations. */
public final class Mounts {
  /** Encoder: directory of the overlay volume (ConfigMap or Secret key). */
  public static final String OVERLAY_DIR = "/etc/onair/overlay";

  /** Encoder: file name of the overlay PNG inside {@link #OVERLAY_DIR}. */
  public static final String OVERLAY_FILE_NAME = "overlay.png";

  /** Encoder: the overlay PNG, also the value of its variable. */
  public static final String OVERLAY_FILE = OVERLAY_DIR + "/" + OVERLAY_FILE_NAME;

  /** Encoder: directory of the slate volume (ConfigMap or Secret key). */
  public static final String SLATE_DIR = "/etc/onair/slate";

  /** Encoder: file name of the slate image inside {@link #SLATE_DIR}. */
  public static final String SLATE_FILE_NAME = "slate.png";

  /** Encoder: the slate image, also the value of its variable. */
  public static final String SLATE_FILE = SLATE_DIR + "/" + SLATE_FILE_NAME;

  /** Encoder: directory of the SRT passphrase volume (Secret key), for a push or an srt pull. */
  public static final String SRT_DIR = "/etc/onair/srt";

  /** Encoder: file name of the SRT passphrase inside {@link #SRT_DIR}. */
  public static final String SRT_PASSPHRASE_FILE_NAME = "passphrase";

  /** Encoder: the SRT passphrase, also the value of its variable. */
  public static final String SRT_PASSPHRASE_FILE = SRT_DIR + "/" + SRT_PASSPHRASE_FILE_NAME;

  /** Relay: directory of the outputs file, filled from the pod's own annotation (downward API). */
  public static final String OUTPUTS_DIR = "/etc/onair/relay";

  /** Relay: file name of the outputs file inside {@link #OUTPUTS_DIR}. */
  public static final String OUTPUTS_FILE_NAME = "outputs.json";

  /** Relay: the outputs file, also the default of {@link RelayEnv#OUTPUTS_FILE}. */
  public static final String OUTPUTS_FILE = OUTPUTS_DIR + "/" + OUTPUTS_FILE_NAME;

  /** Relay: directory of the projected stream keys, one file per Endpoint. */
  public static final String STREAM_KEYS_DIR = "/var/run/secrets/onair/keys";

  /** Relay: directory of the projected SRT passphrases, one file per SRT Endpoint that has one. */
  public static final String SRT_PASSPHRASES_DIR = "/var/run/secrets/onair/srt-passphrases";

  /** Both: writable scratch space (an emptyDir); the root filesystem is read-only. */
  public static final String TMP_DIR = "/tmp";

  /** Both: the CA bundle when {@link PodEnv#CA_FILE} is unset. */
  public static final String DEFAULT_CA_FILE = "/etc/ssl/certs/ca-certificates.crt";

  /** Both: where a configuration error's message goes, for the pod's termination message. */
  public static final String TERMINATION_LOG = "/dev/termination-log";

  private Mounts() {}

  /** The stream key file of one Endpoint, as named in the outputs file's {@code keyFile}. */
  public static String streamKeyFile(String endpoint) {
    return STREAM_KEYS_DIR + "/" + endpoint;
  }

  /** The SRT passphrase file of one Endpoint, as named in the outputs file's passphraseFile. */
  public static String srtPassphraseFile(String endpoint) {
    return SRT_PASSPHRASES_DIR + "/" + endpoint;
  }
}
