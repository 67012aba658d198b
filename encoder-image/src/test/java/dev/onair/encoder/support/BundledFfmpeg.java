package dev.onair.encoder.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/** The ffmpeg CLI shipped in the same natives jar the encoder uses; makes test media. */
public final class BundledFfmpeg {
  private static volatile String executable;

  private BundledFfmpeg() {}

  public static synchronized String executable() {
    if (executable == null) {
      executable = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }
    return executable;
  }

  /** A process builder for the CLI, with its sibling shared libraries on the loader path. */
  public static ProcessBuilder command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(executable());
    command.add("-hide_banner");
    command.add("-nostdin");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("LD_LIBRARY_PATH", new File(executable()).getParent());
    return builder;
  }

  /** Runs the CLI to completion; fails with its output when it does not exit 0. */
  public static void run(List<String> args) throws IOException, InterruptedException {
    Process process = command(args).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("ffmpeg " + args + " failed:\n" + new String(output));
    }
  }

  /**
   * A VOD HLS playlist of a solid-colour picture with (optionally) a sine tone, in dir/index.m3u8.
   */
  public static Path hlsClip(
      Path dir, String color, int width, int height, int fps, int seconds, boolean audio)
      throws IOException, InterruptedException {
    return hlsClip(
        dir,
        "color=c=" + color + ":size=" + width + "x" + height + ":rate=" + fps,
        fps,
        seconds,
        audio);
  }

  /** A VOD HLS playlist of any lavfi video source, in dir/index.m3u8. */
  public static Path hlsClip(Path dir, String lavfiVideo, int fps, int seconds, boolean audio)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-y", "-f", "lavfi", "-i", lavfiVideo));
    if (audio) {
      args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"));
    }
    args.addAll(
        List.of(
            "-t",
            Integer.toString(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            Integer.toString(fps)));
    if (audio) {
      args.addAll(List.of("-c:a", "aac", "-ac", "1"));
    }
    args.addAll(
        List.of(
            "-f",
            "hls",
            "-hls_time",
            "2",
            "-hls_playlist_type",
            "vod",
            dir.resolve("index.m3u8").toString()));
    run(args);
    return dir.resolve("index.m3u8");
  }
}
