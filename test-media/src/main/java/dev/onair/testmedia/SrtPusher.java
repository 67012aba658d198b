package dev.onair.testmedia;

import java.io.File;
import java.io.IOException;
import java.util.List;

/**
 * Sends a live test signal over SRT with the bundled CLI: in caller mode, as OBS would, or as a
 * listener that a pull connects to.
 */
public final class SrtPusher {
  private SrtPusher() {}

  /** A blue picture with a 440 Hz tone, paced at real time, for up to a minute. */
  public static Process start(int port, String passphrase, File log) throws IOException {
    return send(
        "srt://127.0.0.1:"
            + port
            + "?mode=caller&pbkeylen=16&passphrase="
            + passphrase
            + "&connect_timeout=2000",
        log);
  }

  /**
   * The same signal, served by an SRT listener on {@code port} that admits only callers with {@code
   * passphrase}, as an SRT source a pull reads from.
   */
  public static Process listen(int port, String passphrase, File log) throws IOException {
    return send(
        "srt://127.0.0.1:" + port + "?mode=listener&pbkeylen=16&passphrase=" + passphrase, log);
  }

  private static Process send(String url, File log) throws IOException {
    return BundledFfmpeg.command(
            TestClips.args(
                List.of("-loglevel", "warning", "-re"),
                TestClips.withTone("color=c=0x3050C8:size=320x180:rate=30", 48000),
                "-t",
                "60",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-tune",
                "zerolatency",
                "-g",
                "30",
                "-c:a",
                "aac",
                "-f",
                "mpegts",
                url))
        .redirectErrorStream(true)
        .redirectOutput(log)
        .start();
  }
}
