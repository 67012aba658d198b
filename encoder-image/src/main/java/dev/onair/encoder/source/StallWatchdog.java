package dev.onair.encoder.source;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Restarts the source when a connected session has delivered no frame for the stall timeout. */
public final class StallWatchdog implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "stall-watchdog");
            t.setDaemon(true);
            return t;
          });

  public StallWatchdog(SourceLoop loop, Duration stallTimeout) {
    long timeoutNanos = stallTimeout.toNanos();
    timer.scheduleWithFixedDelay(
        () -> {
          long since = loop.nanosSinceLastFrame();
          if (since > timeoutNanos) {
            loop.restart("no frame from the source for " + stallTimeout.toSeconds() + " s");
          }
        },
        250,
        250,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
