package dev.onair.encoder.status;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Prometheus view of the encoder's status. */
public final class EncoderMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  public EncoderMetrics(EncoderStatus status) {
    FunctionCounter.builder("onair_encoder_frames", status, EncoderStatus::frames)
        .description("Video frames encoded")
        .register(registry);
    FunctionCounter.builder("onair_encoder_dropped_frames", status, EncoderStatus::dropped)
        .description("Source pictures skipped to keep the output timeline")
        .register(registry);
    FunctionCounter.builder("onair_encoder_output_bytes", status, EncoderStatus::bytes)
        .description("MPEG-TS bytes produced")
        .register(registry);
    FunctionCounter.builder("onair_encoder_source_reconnects", status, EncoderStatus::reconnects)
        .description("Source reconnect attempts")
        .register(registry);
    Gauge.builder("onair_encoder_fps", status, EncoderStatus::fps)
        .description("Output frames per second over the last few seconds")
        .register(registry);
    Gauge.builder("onair_encoder_bitrate_kbps", status, EncoderStatus::bitrateKbps)
        .description("Output bitrate over the last few seconds")
        .register(registry);
    Gauge.builder("onair_encoder_readers", status, EncoderStatus::readers)
        .description("Connected /live.ts readers")
        .register(registry);
    Gauge.builder("onair_encoder_source_connected", status, s -> s.isSourceConnected() ? 1 : 0)
        .description("1 while the source delivers pictures")
        .register(registry);
    Gauge.builder("onair_encoder_slate_active", status, s -> s.isSlateActive() ? 1 : 0)
        .description("1 while the slate is shown")
        .register(registry);
  }

  public String scrape() {
    return registry.scrape();
  }
}
