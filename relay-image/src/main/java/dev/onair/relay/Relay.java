package dev.onair.relay;

import dev.onair.contract.RelayStatusDocument;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The running relay: one input reader, one pipeline per output, and the HTTP endpoints. */
public final class Relay implements AutoCloseable {
  /** /healthz fails when the input reader has neither read nor retried for this long. */
  private static final Duration STALL = Duration.ofSeconds(30);

  private final RelayConfig config;
  private final Redactor redactor;
  private final InputStats inputStats;
  private final List<OutputPipeline> pipelines = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final InputReader reader;
  private final Thread readerThread;
  private final ScheduledExecutorService sampler;
  private final StatusServer http;

  /** Serves HTTP at once; the input and output threads wait for {@link #start}. */
  Relay(RelayConfig config, Clock clock) throws IOException {
    this.config = config;
    this.redactor = config.redactor();
    this.inputStats = new InputStats(clock);
    for (OutputTarget target : config.outputs()) {
      pipelines.add(
          new OutputPipeline(
              target,
              config.caFile(),
              config.sendBufferKb(),
              config.reconnectMax(),
              config.inputGap(),
              new OutputStats(clock),
              redactor));
    }
    this.reader =
        new InputReader(
            config.inputUrl(), config.caFile(), new FanOut(pipelines), inputStats, redactor);
    this.readerThread = new Thread(reader, "input");
    this.sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "bitrate");
              thread.setDaemon(true);
              return thread;
            });
    RelayMetrics metrics = new RelayMetrics(inputStats, pipelines);
    this.http = new StatusServer(config.httpBind(), config.httpPort(), this, metrics::scrape);
  }

  /** Starts reading and pushing; returns at once. */
  public static Relay start(RelayConfig config) throws IOException {
    Log.useRedactor(config.redactor());
    NativeLogBridge.install();
    Relay relay = new Relay(config, Clock.systemUTC());
    relay.startThreads();
    return relay;
  }

  private void startThreads() {
    for (OutputPipeline pipeline : pipelines) {
      Thread thread = new Thread(pipeline, "output-" + pipeline.target().name());
      threads.add(thread);
      thread.start();
    }
    readerThread.start();
    sampler.scheduleAtFixedRate(
        () -> {
          long now = System.nanoTime();
          for (OutputPipeline pipeline : pipelines) {
            pipeline.stats().sample();
            pipeline.abortIfStalled(now);
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    Log.info(
        "relay started: input "
            + redactor.redact(config.inputUrl())
            + ", "
            + pipelines.size()
            + " outputs, HTTP on port "
            + http.port());
  }

  public int httpPort() {
    return http.port();
  }

  /** The /status document; bitrates and reconnect counts fit an int by orders of magnitude. */
  public RelayStatusDocument status() {
    List<RelayStatusDocument.Output> outputs = new ArrayList<>();
    for (OutputPipeline pipeline : pipelines) {
      OutputStats stats = pipeline.stats();
      outputs.add(
          new RelayStatusDocument.Output(
              pipeline.target().name(),
              pipeline.target().displayUrl(),
              stats.state().name(),
              format(stats.since()),
              stats.bytesSent(),
              (int) stats.bitrateKbps(),
              (int) stats.reconnects(),
              stats.lastError()));
    }
    return new RelayStatusDocument(
        RelayStatusDocument.VERSION,
        new RelayStatusDocument.Input(
            inputStats.connected(), format(inputStats.since()), inputStats.lastError()),
        outputs);
  }

  /** Every thread is alive and the input reader is not stuck. */
  public boolean healthy() {
    return readerThread.isAlive()
        && threads.stream().allMatch(Thread::isAlive)
        && inputStats.nanosSinceActivity() < STALL.toNanos();
  }

  /** Some output has delivered bytes to its endpoint. */
  public boolean ready() {
    return pipelines.stream().anyMatch(p -> p.stats().everLive());
  }

  /**
   * Closes every session within {@code budget}: first cleanly (trailer, RTMP unpublish), then by
   * aborting the socket waits of outputs whose endpoints do not answer in time.
   */
  public void stop(Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    reader.stop();
    pipelines.forEach(OutputPipeline::stop);
    long cleanDeadline = deadline - budget.toNanos() / 3;
    joinAll(threads, cleanDeadline);
    pipelines.forEach(OutputPipeline::abort);
    joinAll(threads, deadline);
    joinAll(List.of(readerThread), deadline);
    sampler.shutdownNow();
    http.close();
    long open = threads.stream().filter(Thread::isAlive).count();
    Log.info("relay stopped" + (open > 0 ? " (" + open + " outputs did not close in time)" : ""));
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(2));
  }

  private static void joinAll(List<Thread> threads, long deadlineNanos) {
    for (Thread thread : threads) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String format(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
