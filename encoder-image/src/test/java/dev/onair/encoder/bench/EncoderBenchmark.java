package dev.onair.encoder.bench;

import dev.onair.encoder.support.BundledFfmpeg;
import dev.onair.encoder.support.TestImages;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: compares this encoder with the ffmpeg CLI from the same natives jar on the same input
 * and settings, and measures CPU cores per output profile for the operator's sizing.
 *
 * <p>Both run as child processes, free-running (not paced), and each is measured twice, on a short
 * and a long clip: the difference is the steady state, without process start-up (a JVM pays more
 * there than the CLI). CPU seconds come from the kernel's accounting of the waited-for child
 * (cutime + cstime of a wrapping shell).
 */
public final class EncoderBenchmark {
  private static final int SHORT_SECONDS = 4;

  private record Run(double wallSeconds, double cpuSeconds) {}

  private record Profile(String name, int width, int height, int fps, int bitrateKbps) {}

  private static final List<Profile> PROFILES =
      List.of(
          new Profile("360p30", 640, 360, 30, 1000),
          new Profile("480p30", 854, 480, 30, 1500),
          new Profile("720p30", 1280, 720, 30, 3000),
          new Profile("720p60", 1280, 720, 60, 4500),
          new Profile("1080p30", 1920, 1080, 30, 4500),
          new Profile("1080p60", 1920, 1080, 60, 6000));

  private EncoderBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("onair-bench");
    try {
      run(work);
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void run(Path work) throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 3);
    int longSeconds = Integer.getInteger("bench.seconds", 24);
    boolean table = !Boolean.getBoolean("bench.skipTable");
    Path logo =
        TestImages.solidPng(work.resolve("logo.png"), 160, 90, new Color(255, 255, 255, 180));
    System.out.printf(
        Locale.ROOT,
        "OnAir encoder benchmark: %d cores, ffmpeg CLI %s%n",
        Runtime.getRuntime().availableProcessors(),
        BundledFfmpeg.executable());

    // 1. Side by side: 720p30, overlay, libx264 veryfast 3 Mb/s, 2 s GOP, AAC 128k.
    Profile p = PROFILES.get(2);
    Path shortClip = clip(work, p, SHORT_SECONDS);
    Path longClip = clip(work, p, longSeconds);
    int frames = (longSeconds - SHORT_SECONDS) * p.fps();
    List<Double> cliFps = new ArrayList<>();
    List<Double> encFps = new ArrayList<>();
    List<Double> cliCpu = new ArrayList<>();
    List<Double> encCpu = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Run cliShort = cli(shortClip, logo, p);
      Run cliLong = cli(longClip, logo, p);
      Run encShort = encoder(shortClip, logo, p);
      Run encLong = encoder(longClip, logo, p);
      cliFps.add(frames / (cliLong.wallSeconds - cliShort.wallSeconds));
      encFps.add(frames / (encLong.wallSeconds - encShort.wallSeconds));
      cliCpu.add(cliLong.cpuSeconds - cliShort.cpuSeconds);
      encCpu.add(encLong.cpuSeconds - encShort.cpuSeconds);
      System.out.printf(
          Locale.ROOT,
          "round %d: CLI %.1f fps %.1f CPU-s | encoder %.1f fps %.1f CPU-s (over %d frames)%n",
          round,
          last(cliFps),
          last(cliCpu),
          last(encFps),
          last(encCpu),
          frames);
    }
    double fpsRatio = median(encFps) / median(cliFps);
    double cpuRatio = median(encCpu) / median(cliCpu);
    System.out.printf(
        Locale.ROOT,
        "%n720p30 side by side (median of %d): CLI %.1f fps, encoder %.1f fps -> fps ratio %.3f;"
            + " CPU-seconds ratio (encoder/CLI) %.3f%n",
        rounds,
        median(cliFps),
        median(encFps),
        fpsRatio,
        cpuRatio);

    if (!table) {
      return;
    }
    // 2. CPU cores needed at real time per profile, default preset (veryfast), with overlay.
    System.out.printf(
        Locale.ROOT,
        "%n| profile | size | bitrate | encoder fps (free-running) | CPU cores at real time |%n"
            + "| --- | --- | --- | --- | --- |%n");
    int tableSeconds = Integer.getInteger("bench.tableSeconds", 12);
    for (Profile profile : PROFILES) {
      Path s = clip(work, profile, SHORT_SECONDS);
      Path l = clip(work, profile, tableSeconds);
      Run rs = encoder(s, logo, profile);
      Run rl = encoder(l, logo, profile);
      double content = tableSeconds - SHORT_SECONDS;
      double cores = (rl.cpuSeconds - rs.cpuSeconds) / content;
      double fps = content * profile.fps() / (rl.wallSeconds - rs.wallSeconds);
      System.out.printf(
          Locale.ROOT,
          "| %s | %dx%d | %d kb/s | %.0f | %.2f |%n",
          profile.name(),
          profile.width(),
          profile.height(),
          profile.bitrateKbps(),
          fps,
          cores);
    }
  }

  /** A busy test picture (moving pattern plus grain) with stereo audio, at the profile's size. */
  private static Path clip(Path work, Profile p, int seconds) throws Exception {
    Path file = work.resolve(p.name() + "-" + seconds + "s.ts");
    if (!Files.exists(file)) {
      BundledFfmpeg.run(
          List.of(
              "-loglevel",
              "error",
              "-y",
              "-f",
              "lavfi",
              "-i",
              "testsrc2=size="
                  + p.width()
                  + "x"
                  + p.height()
                  + ":rate="
                  + p.fps()
                  + ",noise=alls=6:allf=t",
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
              "-g",
              Integer.toString(2 * p.fps()),
              // A contribution feed at twice the output bitrate, like OBS sending to the encoder.
              "-b:v",
              2 * p.bitrateKbps() + "k",
              "-maxrate",
              2 * p.bitrateKbps() + "k",
              "-bufsize",
              2 * p.bitrateKbps() + "k",
              "-c:a",
              "aac",
              "-ac",
              "2",
              "-f",
              "mpegts",
              file.toString()));
    }
    return file;
  }

  private static Run cli(Path input, Path logo, Profile p) throws Exception {
    int gop = 2 * p.fps();
    List<String> args =
        List.of(
            "-loglevel",
            "error",
            "-i",
            input.toString(),
            "-i",
            logo.toString(),
            "-filter_complex",
            "[0:v]scale="
                + p.width()
                + ":"
                + p.height()
                + "[base];[1:v]format=rgba[logo];"
                + "[base][logo]overlay=x=main_w-overlay_w-24:y=24:format=yuv420,format=yuv420p[v]",
            "-map",
            "[v]",
            "-map",
            "0:a",
            "-r",
            Integer.toString(p.fps()),
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-profile:v",
            "high",
            "-b:v",
            p.bitrateKbps() + "k",
            "-maxrate",
            p.bitrateKbps() + "k",
            "-bufsize",
            2 * p.bitrateKbps() + "k",
            "-g",
            Integer.toString(gop),
            "-x264-params",
            "keyint=" + gop + ":min-keyint=" + gop + ":scenecut=0",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-ar",
            "48000",
            "-ac",
            "2",
            "-f",
            "mpegts",
            "-y",
            "/dev/null");
    ProcessBuilder builder = BundledFfmpeg.command(args);
    return measure(builder.command(), builder.environment());
  }

  private static Run encoder(Path input, Path logo, Profile p) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        List.of(
            java, "-cp", System.getProperty("java.class.path"), "dev.onair.encoder.EncoderMain");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("ONAIR_HTTP_BIND", "127.0.0.1");
    env.put("ONAIR_HTTP_PORT", "0");
    env.put("ONAIR_SOURCE_URL", input.toString());
    env.put("ONAIR_REALTIME", "false");
    env.put("ONAIR_OVERLAY_FILE", logo.toString());
    env.put("ONAIR_VIDEO_WIDTH", Integer.toString(p.width()));
    env.put("ONAIR_VIDEO_HEIGHT", Integer.toString(p.height()));
    env.put("ONAIR_VIDEO_FPS", Integer.toString(p.fps()));
    env.put("ONAIR_VIDEO_BITRATE_KBPS", Integer.toString(p.bitrateKbps()));
    return measure(command, env);
  }

  /** Runs a command under a shell that reports the CPU time of its waited-for children. */
  private static Run measure(List<String> command, Map<String, String> env) throws Exception {
    List<String> wrapped = new ArrayList<>();
    wrapped.addAll(
        List.of(
            "bash",
            "-c",
            "\"$@\" > /dev/null 2> \"$ERRFILE\"; rc=$?; cat /proc/$$/stat; exit $rc",
            "bench"));
    wrapped.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(wrapped);
    builder.environment().clear();
    builder.environment().putAll(env);
    File errors = File.createTempFile("onair-bench", ".log");
    builder.environment().put("ERRFILE", errors.getPath());
    long start = System.nanoTime();
    Process process = builder.start();
    String stat = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    int rc = process.waitFor();
    double wall = (System.nanoTime() - start) / 1e9;
    if (rc != 0) {
      throw new IOException(
          "benchmark child failed ("
              + rc
              + "): "
              + command
              + "\n"
              + Files.readString(errors.toPath()));
    }
    errors.delete();
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    double ticks = Double.parseDouble(fields[13]) + Double.parseDouble(fields[14]);
    return new Run(wall, ticks / 100.0);
  }

  private static double last(List<Double> values) {
    return values.get(values.size() - 1);
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
