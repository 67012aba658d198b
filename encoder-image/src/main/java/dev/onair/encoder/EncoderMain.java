package dev.onair.encoder;

import dev.onair.contract.ExitCodes;
import dev.onair.contract.Mounts;
import dev.onair.encoder.config.ConfigException;
import dev.onair.encoder.config.EncoderConfig;
import dev.onair.encoder.config.SourceKind;
import dev.onair.encoder.source.SourceResolver;
import dev.onair.encoder.source.YtDlpResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import sun.misc.Signal;

/** Entry point: configuration from the environment, exit codes of the pod contract. */
public final class EncoderMain {
  static final int EXIT_OK = ExitCodes.OK;
  static final int EXIT_FAILURE = ExitCodes.FAILURE;
  static final int EXIT_CONFIG = ExitCodes.CONFIG;

  /** How long /status keeps reporting a configuration error before the process exits. */
  private static final long FAILED_LINGER_SECONDS = 3;

  private static final Path TERMINATION_LOG = Path.of(Mounts.TERMINATION_LOG);

  private EncoderMain() {}

  public static void main(String[] args) {
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    System.exit(run());
  }

  private static int run() {
    Logger log = Logger.getLogger(EncoderMain.class.getName());
    EncoderConfig config;
    try {
      config = EncoderConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      log.severe("configuration error: " + e.getMessage());
      terminationMessage(e.getMessage());
      return EXIT_CONFIG;
    }
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger exitCode = new AtomicInteger(EXIT_OK);
    // Handling TERM ourselves (not a shutdown hook) lets a clean stop exit with 0, not 143.
    Signal.handle(new Signal("TERM"), signal -> done.countDown());
    Signal.handle(new Signal("INT"), signal -> done.countDown());
    EncoderApp app;
    try {
      app = new EncoderApp(config);
    } catch (IOException e) {
      log.severe("cannot serve HTTP on port " + config.httpPort() + ": " + e.getMessage());
      return EXIT_FAILURE;
    }
    try {
      SourceResolver resolver =
          config.sourceKind() == SourceKind.YOUTUBE
              ? new YtDlpResolver("yt-dlp")
              : SourceResolver.identity();
      app.startPipeline(
          resolver,
          fatal -> {
            if (fatal != null) {
              log.severe(fatal);
              app.status().failed(fatal);
              exitCode.compareAndSet(EXIT_OK, EXIT_FAILURE);
            }
            done.countDown();
          });
      log.info("encoding; serving HTTP on port " + app.httpPort());
      done.await();
      return exitCode.get();
    } catch (ConfigException e) {
      log.severe("configuration error: " + e.getMessage());
      app.status().failed(e.getMessage());
      terminationMessage(e.getMessage());
      awaitQuietly(done, FAILED_LINGER_SECONDS);
      return EXIT_CONFIG;
    } catch (InterruptedException e) {
      return EXIT_OK;
    } catch (Exception e) {
      log.severe("cannot start the encoder: " + e.getMessage());
      app.status().failed("cannot start the encoder: " + e.getMessage());
      return EXIT_FAILURE;
    } finally {
      app.close();
    }
  }

  private static void awaitQuietly(CountDownLatch latch, long seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kubernetes shows this file's content as the container's termination message. */
  private static void terminationMessage(String message) {
    if (Files.isWritable(TERMINATION_LOG)) {
      try {
        Files.writeString(TERMINATION_LOG, message, StandardCharsets.UTF_8);
      } catch (IOException e) {
        // Best effort only.
      }
    }
  }
}
