package dev.onair.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.encoder.support.EncoderHarness;
import dev.onair.encoder.support.Http;
import dev.onair.encoder.support.StaticHttpServer;
import dev.onair.encoder.support.TsCapture;
import dev.onair.testmedia.TestClips;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several readers on /live.ts: a stalled one is dropped and never slows the others. */
class FanOutIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aStalledReaderIsDroppedWhileTheOtherKeepsRealTimePace() throws Exception {
    Files.createDirectories(dir.resolve("hls"));
    // Noise keeps the bitrate up, so the stalled reader's buffers fill within seconds.
    TestClips.hlsClip(
        dir.resolve("hls"), "testsrc2=size=640x360:rate=30,noise=alls=40:allf=t", 30, 12, true);
    try (StaticHttpServer cdn = new StaticHttpServer(dir);
        EncoderHarness encoder =
            EncoderHarness.start(
                Map.of(
                    "ONAIR_SOURCE_URL", cdn.url("hls/index.m3u8"),
                    "ONAIR_VIDEO_WIDTH", "640",
                    "ONAIR_VIDEO_HEIGHT", "360",
                    "ONAIR_VIDEO_BITRATE_KBPS", "3000"));
        Socket stalled = new Socket()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> readers(encoder) == 0 && status(encoder, "sourceConnected"));
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new InetSocketAddress("127.0.0.1", encoder.app().httpPort()));
      stalled
          .getOutputStream()
          .write(
              "GET /live.ts HTTP/1.1\r\nHost: encoder\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      // ...and never reads.

      try (TsCapture healthy = new TsCapture(encoder.url("/live.ts"), new int[] {10, 10})) {
        healthy.awaitStarted(Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(10)).until(() -> readers(encoder) == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.pictureCount() >= 30);

        int before = healthy.pictureCount();
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(40)).until(() -> readers(encoder) == 1);
        Thread.sleep(Math.max(0, 8_000 - (System.nanoTime() - start) / 1_000_000));
        double seconds = (System.nanoTime() - start) / 1e9;
        double fps = (healthy.pictureCount() - before) / seconds;
        // Real-time pace is 30 fps; slack for a busy build machine, not for a blocked encoder.
        assertThat(fps).as("pictures per second at the healthy reader").isGreaterThan(25.0);
        assertThat(healthy.ended()).isFalse();
      }

      // The stalled reader's connection was closed by the encoder: what was sent drains, then EOF.
      stalled.setSoTimeout(10_000);
      InputStream in = stalled.getInputStream();
      byte[] buffer = new byte[64 * 1024];
      long drained = 0;
      int n;
      try {
        while ((n = in.read(buffer)) >= 0) {
          drained += n;
        }
      } catch (java.net.SocketException reset) {
        // A reset is as final as an EOF.
      }
      assertThat(drained).isPositive();
    }
  }

  private static int readers(EncoderHarness encoder) throws Exception {
    return JSON.readTree(Http.get(encoder.url("/status")).body()).get("readers").asInt();
  }

  private static boolean status(EncoderHarness encoder, String field) throws Exception {
    return JSON.readTree(Http.get(encoder.url("/status")).body()).get(field).asBoolean();
  }
}
