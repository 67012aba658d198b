package dev.onair.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.ffmpeg;
import org.bytedeco.javacpp.Loader;

/** Generates small H.264 + AAC MPEG-TS clips with the ffmpeg CLI bundled in the natives jar. */
public final class TestMedia {
  static final int FPS = 25;

  private TestMedia() {}

  public static String ffmpeg() {
    return Loader.load(ffmpeg.class);
  }

  /** A 320x180, 25 fps clip with a keyframe every second and no B-frames. */
  public static Path clip(Path dir, int seconds) throws IOException, InterruptedException {
    Path clip = dir.resolve("clip-" + seconds + "s.ts");
    if (Files.exists(clip)) {
      return clip;
    }
    run(
        List.of(
            ffmpeg(),
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=320x180:rate=" + FPS,
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:sample_rate=48000",
            "-t",
            Integer.toString(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-tune",
            "zerolatency",
            "-g",
            Integer.toString(FPS),
            "-bf",
            "0",
            "-b:v",
            "250k",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "64k",
            "-ac",
            "2",
            "-f",
            "mpegts",
            clip.toString()));
    return clip;
  }

  /**
   * A process builder for the bundled CLI: its libraries (libva and friends) sit beside it in the
   * JavaCPP cache, which the binary does not search by itself.
   */
  public static ProcessBuilder ffmpegProcess(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    String libs = Path.of(ffmpeg()).getParent().toString();
    String existing = System.getenv("LD_LIBRARY_PATH");
    builder.environment().put("LD_LIBRARY_PATH", existing == null ? libs : libs + ":" + existing);
    return builder;
  }

  public static void run(List<String> command) throws IOException, InterruptedException {
    Process process = ffmpegProcess(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(
          "command failed: "
              + command.get(0)
              + "\n"
              + new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
