package dev.onair.contract;

/** Ports the images listen on unless told otherwise. */
public final class PodPorts {
  /** HTTP of both images ({@link PodEnv#HTTP_PORT}); the operator's Services and probes use it. */
  public static final int HTTP = 8080;

  /** Name of the HTTP container port, which the probes and Services refer to. */
  public static final String HTTP_PORT_NAME = "http";

  /** UDP port of the encoder's {@code srt-push} listener ({@link EncoderEnv#SRT_LISTEN_PORT}). */
  public static final int SRT = 9000;

  private PodPorts() {}
}
