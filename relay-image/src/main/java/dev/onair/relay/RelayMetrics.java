package dev.onair.relay;

import dev.onair.contract.RelayOutputState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/** Prometheus metrics of the relay; outputs are tagged by name only, never by URL. */
final class RelayMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  RelayMetrics(InputStats input, List<OutputPipeline> outputs) {
    Gauge.builder("onair.relay.input.connected", input, i -> i.connected() ? 1 : 0)
        .description("1 while the encoder's stream is being read")
        .register(registry);
    FunctionCounter.builder("onair.relay.input.packets", input, InputStats::packets)
        .description("packets read from the encoder")
        .register(registry);
    FunctionCounter.builder("onair.relay.input.reconnects", input, InputStats::reconnects)
        .description("times the input was lost and reopened")
        .register(registry);
    for (OutputPipeline output : outputs) {
      String name = output.target().name();
      OutputStats stats = output.stats();
      FunctionCounter.builder("onair.relay.output.bytes.sent", stats, OutputStats::bytesSent)
          .tag("output", name)
          .description("bytes the endpoint accepted")
          .register(registry);
      Gauge.builder("onair.relay.output.bitrate.kbps", stats, OutputStats::bitrateKbps)
          .tag("output", name)
          .description("bitrate accepted over the last few seconds")
          .register(registry);
      FunctionCounter.builder("onair.relay.output.reconnects", stats, OutputStats::reconnects)
          .tag("output", name)
          .description("failed sessions or connection attempts, each followed by a retry")
          .register(registry);
      FunctionCounter.builder(
              "onair.relay.output.dropped.packets", stats, OutputStats::droppedPackets)
          .tag("output", name)
          .description("packets skipped because the output lagged or was reconnecting")
          .register(registry);
      Gauge.builder("onair.relay.output.queue.bytes", output.queue(), OutputQueue::queuedBytes)
          .tag("output", name)
          .description("bytes waiting for this output")
          .register(registry);
      for (RelayOutputState state : RelayOutputState.values()) {
        Gauge.builder("onair.relay.output.state", stats, s -> s.state() == state ? 1 : 0)
            .tag("output", name)
            .tag("state", state.name())
            .description("1 for the output's current state")
            .register(registry);
      }
    }
  }

  String scrape() {
    return registry.scrape();
  }
}
