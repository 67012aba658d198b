package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Raising the flag aborts a socket wait inside FFmpeg long before its 5 s timeout. */
class InterruptFlagIT {
  @Test
  void raisingTheFlagAbortsAnInputThatNeverAnswers() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try (Socket ignored = silent.accept()) {
                  Thread.sleep(10_000);
                } catch (Exception e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      InterruptFlag flag = new InterruptFlag();
      timer.schedule(flag::raise, 500, TimeUnit.MILLISECONDS);
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  InputSession.open(
                      "http://127.0.0.1:" + silent.getLocalPort() + "/live.ts",
                      Path.of("/nonexistent"),
                      flag))
          .isInstanceOf(java.io.IOException.class);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).isBetween(400L, 3000L);
    } finally {
      timer.shutdownNow();
    }
  }
}
