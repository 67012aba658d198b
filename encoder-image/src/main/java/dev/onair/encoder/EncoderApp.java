package dev.onair.encoder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.contract.HttpPaths;
import dev.onair.encoder.config.ConfigException;
import dev.onair.encoder.config.EncoderConfig;
import dev.onair.encoder.http.HttpResponse;
import dev.onair.encoder.http.HttpServer;
import dev.onair.encoder.media.OverlayFilter;
import dev.onair.encoder.media.OverlayImage;
import dev.onair.encoder.media.SlateImage;
import dev.onair.encoder.media.Thumbnailer;
import dev.onair.encoder.output.LastCut;
import dev.onair.encoder.output.TsEncoder;
import dev.onair.encoder.output.TsFanOut;
import dev.onair.encoder.source.SourceLoop;
import dev.onair.encoder.source.SourceOpener;
import dev.onair.encoder.source.SourceResolver;
import dev.onair.encoder.source.StallWatchdog;
import dev.onair.encoder.status.EncoderMetrics;
import dev.onair.encoder.status.EncoderStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.Frame;

/** Wires one encoder together: HTTP first, then the pipeline, and takes it apart in order. */
public final class EncoderApp implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EncoderApp.class.getName());
  private static final long HEALTHY_GAP_NANOS = 5_000_000_000L;
  private static final long STARTUP_GRACE_NANOS = 30_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EncoderConfig config;
  private final EncoderStatus status;
  private final EncoderMetrics metrics;
  private final HttpServer http;
  private final long createdNanos = System.nanoTime();
  private volatile TsFanOut fanOut;
  private TsEncoder encoder;
  private OverlayFilter overlay;
  private Thumbnailer thumbnailer;
  private Program program;
  private SourceLoop source;
  private StallWatchdog watchdog;
  private ScheduledExecutorService slateTimer;
  private boolean closed;

  /** Starts the HTTP endpoints, so /status can report even a configuration error. */
  public EncoderApp(EncoderConfig config) throws IOException {
    this.config = config;
    this.status = new EncoderStatus(Clock.systemUTC(), config.width(), config.height());
    this.metrics = new EncoderMetrics(status);
    this.http =
        new HttpServer(config.httpBind(), config.httpPort())
                .route(HttpPaths.STATUS, this::statusResponse)
                .route(HttpPaths.METRICS, () -> plain(200, metrics.scrape()))
                .route(HttpPaths.HEALTHZ, this::health)
                .route(
                    HttpPaths.READYZ,
                    () -> status.hasOutput() ? plain(200, "ready\n") : plain(503, "starting\n"))
                .route(HttpPaths.THUMBNAIL, this::thumbnail)
                .stream(HttpPaths.LIVE_TS, this::serveLiveTs)
                .start();
  }

  /**
   * Builds and starts the pipeline.
   *
   * @param onFatal called once if encoding fails or (when not real time) the source ends
   */
  public synchronized void startPipeline(SourceResolver resolver, Consumer<String> onFatal)
      throws ConfigException, Exception {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    if (config.overlay().isPresent()) {
      OverlayImage.validate(config.overlay().get().file());
    }
    Frame slate = SlateImage.load(config.slateFile(), config.width(), config.height());
    long audioKbps = config.audioBitrateKbps();
    // About two seconds of output may queue per reader before it counts as fallen behind.
    long maxQueued = Math.max(512 * 1024L, (config.maxrateKbps() + audioKbps) * 1000 / 8 * 2);
    LastCut lastCut = new LastCut();
    fanOut = new TsFanOut(maxQueued, status, config.fps(), lastCut);
    encoder = TsEncoder.start(config, fanOut);
    if (config.overlay().isPresent()) {
      overlay =
          OverlayFilter.start(
              config.overlay().get(), config.width(), config.height(), config.fps());
    }
    thumbnailer =
        new Thumbnailer(
            config.width(),
            config.height(),
            config.thumbnailWidth(),
            config.thumbnailHeight(),
            TimeUnit.SECONDS.toNanos(config.thumbnailIntervalSeconds()),
            overlay == null ? avutil.AV_PIX_FMT_YUV420P : overlay.pixelFormat());
    program =
        new Program(
            encoder,
            overlay,
            thumbnailer,
            status,
            lastCut,
            slate,
            config.fps(),
            config.audioSampleRate());
    if (config.realtime()) {
      slateTimer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "slate");
                t.setDaemon(true);
                return t;
              });
      long periodMicros = (long) (1e6 / config.fps() / 2);
      slateTimer.scheduleAtFixedRate(
          () -> {
            try {
              program.slateTick();
            } catch (Exception e) {
              LOG.log(Level.SEVERE, "encoding the slate failed", e);
              onFatal.accept("encoding failed: " + e.getMessage());
            }
          },
          0,
          periodMicros,
          TimeUnit.MICROSECONDS);
    }
    source =
        new SourceLoop(
            new SourceOpener(config, resolver),
            program,
            status,
            config.realtime(),
            Duration.ofSeconds(config.reconnectMaxSeconds()),
            () -> onFatal.accept(null));
    source.start();
    if (config.realtime()) {
      watchdog = new StallWatchdog(source, Duration.ofSeconds(config.stallTimeoutSeconds()));
    }
  }

  private void serveLiveTs(OutputStream out, Socket socket) throws IOException {
    TsFanOut output = fanOut;
    if (output == null) {
      HttpServer.write(out, plain(503, "no output yet\n"), true);
      return;
    }
    // A small kernel buffer keeps what a stalled reader hides outside the fan-out's own bound.
    socket.setSendBufferSize(256 * 1024);
    HttpServer.writeStreamHead(out, "video/mp2t");
    output.serve(out, socket);
  }

  public EncoderStatus status() {
    return status;
  }

  public int httpPort() {
    return http.port();
  }

  private HttpResponse statusResponse() {
    try {
      return new HttpResponse(200, "application/json", JSON.writeValueAsBytes(status.document()));
    } catch (JsonProcessingException e) {
      return plain(500, "status unavailable\n");
    }
  }

  private HttpResponse health() {
    long since = status.nanosSinceLastFrame();
    boolean healthy =
        since >= 0
            ? since < HEALTHY_GAP_NANOS
            : System.nanoTime() - createdNanos < STARTUP_GRACE_NANOS;
    return healthy ? plain(200, "ok\n") : plain(503, "stalled\n");
  }

  private HttpResponse thumbnail() {
    Thumbnailer t = thumbnailer;
    return t == null
        ? plain(404, "no thumbnail yet\n")
        : t.latest()
            .map(jpeg -> new HttpResponse(200, "image/jpeg", jpeg))
            .orElse(plain(404, "no thumbnail yet\n"));
  }

  private static HttpResponse plain(int code, String text) {
    return new HttpResponse(
        code, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Stops the source, flushes the encoder, ends every reader and the HTTP server. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    status.stopping();
    quietly(watchdog);
    if (slateTimer != null) {
      slateTimer.shutdownNow();
    }
    if (source != null) {
      source.stop(Duration.ofMillis(400));
    }
    quietly(program);
    quietly(overlay);
    quietly(thumbnailer);
    quietly(fanOut);
    http.close();
  }

  private static void quietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warning("closing " + closeable.getClass().getSimpleName() + " failed: " + e.getMessage());
    }
  }
}
