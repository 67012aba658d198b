package dev.onair.contract;

/** HTTP paths the images serve on {@link PodPorts#HTTP}. */
public final class HttpPaths {
  /** JSON status: {@link EncoderStatusDocument} or {@link RelayStatusDocument}. */
  public static final String STATUS = "/status";

  /** Prometheus text. */
  public static final String METRICS = "/metrics";

  /** Liveness: 200 while the pipeline makes progress, 503 when it stalls. */
  public static final String HEALTHZ = "/healthz";

  /** Readiness: 200 once the pipeline has produced output, 503 before. */
  public static final String READYZ = "/readyz";

  /** Encoder only: the MPEG-TS stream (H.264 + AAC) relays read. */
  public static final String LIVE_TS = "/live.ts";

  /** Encoder only: the latest thumbnail, 404 until there is one. */
  public static final String THUMBNAIL = "/thumbnail.jpg";

  private HttpPaths() {}
}
