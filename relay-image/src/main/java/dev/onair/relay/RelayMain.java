package dev.onair.relay;

import dev.onair.contract.ExitCodes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/** Entry point of the relay image: configure from the environment, run until SIGTERM. */
public final class RelayMain {
  /** The contract allows 2 s; keep a margin for the JVM's own exit. */
  private static final Duration SHUTDOWN_BUDGET = Duration.ofMillis(1500);

  private RelayMain() {}

  public static void main(String[] args) {
    RelayConfig config;
    try {
      config = RelayConfig.fromEnv(System.getenv());
    } catch (ConfigException e) {
      Log.error("configuration error: " + e.getMessage());
      System.exit(ExitCodes.CONFIG);
      return;
    }
    CountDownLatch terminate = new CountDownLatch(1);
    // Handling the signal ourselves (not a shutdown hook) lets the relay exit with code 0.
    Signal.handle(new Signal("TERM"), signal -> terminate.countDown());
    Signal.handle(new Signal("INT"), signal -> terminate.countDown());
    Relay relay;
    try {
      relay = Relay.start(config);
    } catch (Exception e) {
      Log.error(
          "relay failed to start: " + config.redactor().redact(String.valueOf(e.getMessage())));
      System.exit(ExitCodes.FAILURE);
      return;
    }
    try {
      terminate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Log.info("SIGTERM: closing outputs");
    relay.stop(SHUTDOWN_BUDGET);
    // Exit even if a native call still holds a non-daemon thread.
    Runtime.getRuntime().halt(ExitCodes.OK);
  }
}
