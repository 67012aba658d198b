package dev.onair.encoder.support;

import dev.onair.encoder.EncoderApp;
import dev.onair.encoder.config.EncoderConfig;
import dev.onair.encoder.source.SourceResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** Runs the encoder in the test JVM, configured through the same env map the process reads. */
public final class EncoderHarness implements AutoCloseable {
  private final EncoderApp app;
  private final AtomicReference<String> fatal = new AtomicReference<>();

  private EncoderHarness(EncoderApp app) {
    this.app = app;
  }

  /** Small, fast defaults for tests; {@code env} overrides them. */
  public static Map<String, String> env(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("ONAIR_HTTP_BIND", "127.0.0.1");
    env.put("ONAIR_SRT_LISTEN_ADDRESS", "127.0.0.1");
    env.put("ONAIR_HTTP_PORT", "0");
    env.put("ONAIR_VIDEO_WIDTH", "320");
    env.put("ONAIR_VIDEO_HEIGHT", "180");
    env.put("ONAIR_VIDEO_BITRATE_KBPS", "600");
    env.put("ONAIR_VIDEO_PRESET", "ultrafast");
    env.put("ONAIR_THUMBNAIL_INTERVAL_SECONDS", "1");
    env.put("ONAIR_STALL_TIMEOUT_SECONDS", "3");
    env.put("ONAIR_RECONNECT_MAX_SECONDS", "2");
    env.putAll(overrides);
    return env;
  }

  public static EncoderHarness start(Map<String, String> overrides, SourceResolver resolver)
      throws Exception {
    EncoderConfig config = EncoderConfig.fromEnv(env(overrides));
    EncoderApp app = new EncoderApp(config);
    EncoderHarness harness = new EncoderHarness(app);
    try {
      app.startPipeline(resolver, harness.fatal::set);
    } catch (Exception e) {
      harness.close();
      throw e;
    }
    return harness;
  }

  public static EncoderHarness start(Map<String, String> overrides) throws Exception {
    return start(overrides, SourceResolver.identity());
  }

  public String url(String path) {
    return "http://127.0.0.1:" + app.httpPort() + path;
  }

  public EncoderApp app() {
    return app;
  }

  public String fatal() {
    return fatal.get();
  }

  @Override
  public void close() {
    app.close();
  }
}
