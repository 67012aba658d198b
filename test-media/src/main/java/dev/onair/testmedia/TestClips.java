package dev.onair.testmedia;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Clips of lavfi test pictures and a 440 Hz tone, encoded by the bundled CLI. Each recipe is fixed
 * because tests count its frames and keyframes, and benchmarks compare figures across runs.
 */
public final class TestClips {
  /** Frame rate of {@link #smallTs}. */
  public static final int SMALL_TS_FPS = 25;

  private TestClips() {}

  /**
   * {@code dir/clip-<seconds>s.ts}: 320x180, 25 fps H.264 at 250 kb/s with a keyframe every second
   * and no B-frames, stereo AAC 64k. Made once per directory.
   */
  public static Path smallTs(Path dir, int seconds) throws IOException, InterruptedException {
    Path clip = dir.resolve("clip-" + seconds + "s.ts");
    if (Files.exists(clip)) {
      return clip;
    }
    BundledFfmpeg.run(
        args(
            List.of("-loglevel", "error", "-y"),
            withTone("testsrc=size=320x180:rate=" + SMALL_TS_FPS, 48000),
            "-t",
            Integer.toString(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-tune",
            "zerolatency",
            "-g",
            Integer.toString(SMALL_TS_FPS),
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
   * A busy picture (moving pattern plus grain, so an encoder has real work) with stereo audio, as
   * MPEG-TS in {@code file}: H.264 ultrafast at {@code videoKbps} (maxrate and buffer the same), a
   * keyframe every 2 s. Made once per file.
   */
  public static Path busyTs(Path file, int width, int height, int fps, int seconds, int videoKbps)
      throws IOException, InterruptedException {
    if (Files.exists(file)) {
      return file;
    }
    BundledFfmpeg.run(
        args(
            List.of("-loglevel", "error", "-y"),
            withTone(
                "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ",noise=alls=6:allf=t",
                48000),
            "-t",
            Integer.toString(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            Integer.toString(2 * fps),
            "-b:v",
            videoKbps + "k",
            "-maxrate",
            videoKbps + "k",
            "-bufsize",
            videoKbps + "k",
            "-c:a",
            "aac",
            "-ac",
            "2",
            "-f",
            "mpegts",
            file.toString()));
    return file;
  }

  /**
   * What an encoder sends a relay, as MPEG-TS in {@code file}: 3 Mb/s 30 fps H.264 (veryfast,
   * maxrate 3 Mb/s, 6 Mb buffer, keyframe every 2 s) and mono AAC 128k at 48 kHz.
   */
  public static Path encoderOutputTs(Path file, int width, int height, int seconds)
      throws IOException, InterruptedException {
    BundledFfmpeg.run(
        args(
            List.of("-loglevel", "error", "-y"),
            withTone("testsrc2=size=" + width + "x" + height + ":rate=30", 48000),
            "-t",
            Integer.toString(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-b:v",
            "3000k",
            "-maxrate",
            "3000k",
            "-bufsize",
            "6000k",
            "-g",
            "60",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-f",
            "mpegts",
            file.toString()));
    return file;
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

  /**
   * A VOD HLS playlist of any lavfi video source, in dir/index.m3u8: H.264 ultrafast with a
   * keyframe every second, 2 s segments, mono AAC at 44.1 kHz when {@code audio}.
   */
  public static Path hlsClip(Path dir, String lavfiVideo, int fps, int seconds, boolean audio)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.add("-y");
    args.addAll(audio ? withTone(lavfiVideo, 44100) : List.of("-f", "lavfi", "-i", lavfiVideo));
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
    BundledFfmpeg.run(args);
    return dir.resolve("index.m3u8");
  }

  /**
   * The inputs every clip starts from: the lavfi picture {@code lavfiVideo} and a 440 Hz sine at
   * {@code sampleRate}, as ffmpeg arguments.
   */
  public static List<String> withTone(String lavfiVideo, int sampleRate) {
    return List.of(
        "-f",
        "lavfi",
        "-i",
        lavfiVideo,
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=" + sampleRate);
  }

  /**
   * A solid {@code color} picture of {@code seconds} (320x180, 30 fps, keyframe every second,
   * ultrafast) with AAC, as MPEG-TS in {@code file}.
   */
  public static Path solidTs(Path file, String color, int seconds)
      throws IOException, InterruptedException {
    BundledFfmpeg.run(
        args(
            List.of("-loglevel", "error", "-y"),
            withTone("color=c=" + color + ":size=320x180:rate=30", 48000),
            "-t",
            Integer.toString(seconds),
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-g",
            "30",
            "-c:a",
            "aac",
            "-f",
            "mpegts",
            file.toString()));
    return file;
  }

  /** {@code head}, then {@code inputs}, then {@code rest}: one ffmpeg command line. */
  static List<String> args(List<String> head, List<String> inputs, String... rest) {
    List<String> args = new ArrayList<>(head);
    args.addAll(inputs);
    args.addAll(List.of(rest));
    return args;
  }
}
