package dev.onair.encoder.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.testmedia.BundledFfmpeg;
import dev.onair.testmedia.TestClips;
import dev.onair.testmedia.TestImages;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Not a test: compares this encoder with the ffmpeg CLI from the same natives jar on the same input
 * and settings, and measures CPU cores per output profile for the operator's sizing.
 *
 * <p>Both run as child processes, free-running (not paced). Each is measured in its steady state:
 * between 20% and 90% of the clip's frames, as reported by the process itself (the encoder's
 * /status, the CLI's -progress), so start-up (which costs a JVM more than the CLI) and teardown are
 * left out. CPU seconds over the same window come from /proc/PID/stat (all threads).
 */
public final class EncoderBenchmark {
  private static final double FROM = 0.2;
  private static final double TO = 0.9;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Steady-state figures of one run: frames per second, and CPU seconds per frame. */
  private record Run(double fps, double cpuPerFrame) {}

  /** One output profile: its name, picture size, frame rate and video bitrate. */
  public record Profile(String name, int width, int height, int fps, int bitrateKbps) {}

  private static final List<Profile> PROFILES =
      List.of(
          new Profile("360p30", 640, 360, 30, 1000),
          new Profile("480p30", 854, 480, 30, 1500),
          new Profile("720p30", 1280, 720, 30, 3000),
          new Profile("720p60", 1280, 720, 60, 4500),
          new Profile("1080p30", 1920, 1080, 30, 4500),
          new Profile("1080p60", 1920, 1080, 60, 6000));

  /**
   * What one benchmark run does: {@code rounds} side-by-side runs of {@code sideBySide} on a clip
   * of {@code seconds}, then one encoder run per profile of {@code table} on clips of {@code
   * tableSeconds} (no table when it is empty).
   */
  public record Settings(
      int rounds, int seconds, Profile sideBySide, int tableSeconds, List<Profile> table) {

    /** The measurement: {@code bench.rounds}, {@code bench.seconds}, {@code bench.tableSeconds}. */
    public static Settings fromSystemProperties() {
      return new Settings(
          Integer.getInteger("bench.rounds", 3),
          Integer.getInteger("bench.seconds", 24),
          PROFILES.get(2),
          Integer.getInteger("bench.tableSeconds", 12),
          Boolean.getBoolean("bench.skipTable") ? List.of() : PROFILES);
    }

    /**
     * Every step once, as small as still yields a steady-state window: proves the benchmark runs,
     * measures nothing.
     */
    public static Settings smoke() {
      Profile smallest = PROFILES.get(0);
      // 40 s of 360p30 is 1,200 frames: the CLI runs free at ~1,000+ fps on this machine, so the
      // measured window (20 % to 90 % of the frames) spans several of its 0.1 s progress lines.
      // A 12 s clip could finish between two of them and leave the window unmeasured.
      return new Settings(1, 40, smallest, 40, List.of(smallest));
    }
  }

  private EncoderBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("onair-bench");
    try {
      run(Settings.fromSystemProperties(), work, System.out);
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Runs the benchmark with its clips in {@code work}, printing every figure to {@code out}. */
  public static void run(Settings settings, Path work, PrintStream out) throws Exception {
    Path logo =
        TestImages.solidPng(work.resolve("logo.png"), 160, 90, new Color(255, 255, 255, 180));
    out.printf(
        Locale.ROOT,
        "OnAir encoder benchmark: %d cores, load average %s, ffmpeg CLI %s%n",
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        BundledFfmpeg.executable());

    // 1. Side by side: overlay, libx264 veryfast at the profile's bitrate, 2 s GOP, AAC 128k.
    Profile p = settings.sideBySide();
    int rounds = settings.rounds();
    int seconds = settings.seconds();
    Path clip = clip(work, p, seconds);
    long frames = (long) seconds * p.fps();
    List<Double> cliFps = new ArrayList<>();
    List<Double> encFps = new ArrayList<>();
    List<Double> cliCpu = new ArrayList<>();
    List<Double> encCpu = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Run cli = cli(clip, logo, p, frames);
      Run enc = encoder(clip, logo, p, frames);
      cliFps.add(cli.fps());
      encFps.add(enc.fps());
      cliCpu.add(cli.cpuPerFrame());
      encCpu.add(enc.cpuPerFrame());
      out.printf(
          Locale.ROOT,
          "round %d: CLI %.1f fps %.2f CPU-ms/frame | encoder %.1f fps %.2f CPU-ms/frame%n",
          round,
          cli.fps(),
          cli.cpuPerFrame() * 1000,
          enc.fps(),
          enc.cpuPerFrame() * 1000);
    }
    out.printf(
        Locale.ROOT,
        "%n%s side by side (median of %d): CLI %.1f fps, encoder %.1f fps -> fps ratio %.3f;"
            + " CPU-seconds ratio (encoder/CLI) %.3f (load average now %s)%n",
        p.name(),
        rounds,
        median(cliFps),
        median(encFps),
        median(encFps) / median(cliFps),
        median(encCpu) / median(cliCpu),
        loadAverage());

    if (settings.table().isEmpty()) {
      return;
    }
    // 2. CPU cores needed at real time per profile, default preset (veryfast), with overlay.
    out.printf(
        Locale.ROOT,
        "%n| profile | size | bitrate | encoder fps (free-running) | CPU cores at real time |%n"
            + "| --- | --- | --- | --- | --- |%n");
    int tableSeconds = settings.tableSeconds();
    for (Profile profile : settings.table()) {
      Run r =
          encoder(
              clip(work, profile, tableSeconds),
              logo,
              profile,
              (long) tableSeconds * profile.fps());
      out.printf(
          Locale.ROOT,
          "| %s | %dx%d | %d kb/s | %.0f | %.2f |%n",
          profile.name(),
          profile.width(),
          profile.height(),
          profile.bitrateKbps(),
          r.fps(),
          r.cpuPerFrame() * profile.fps());
    }
  }

  /** The profile's input: a busy picture with stereo audio, at the profile's size and rate. */
  private static Path clip(Path work, Profile p, int seconds) throws Exception {
    // A contribution feed at twice the output bitrate, like OBS sending to the encoder.
    return TestClips.busyTs(
        work.resolve(p.name() + "-" + seconds + "s.ts"),
        p.width(),
        p.height(),
        p.fps(),
        seconds,
        2 * p.bitrateKbps());
  }

  private static Run cli(Path input, Path logo, Profile p, long frames) throws Exception {
    int gop = 2 * p.fps();
    List<String> args =
        List.of(
            "-loglevel",
            "error",
            "-nostats",
            "-progress",
            "pipe:1",
            "-stats_period",
            "0.1",
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
    Process process =
        BundledFfmpeg.command(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    AtomicLong done = new AtomicLong();
    Thread progress =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.startsWith("frame=")) {
                    done.set(Long.parseLong(line.substring(6).trim()));
                  }
                }
              } catch (IOException | NumberFormatException e) {
                // The process ended.
              }
            });
    progress.setDaemon(true);
    progress.start();
    return measure(process, done::get, frames);
  }

  private static Run encoder(Path input, Path logo, Profile p, long frames) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), "dev.onair.encoder.EncoderMain")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = builder.environment();
    env.put("ONAIR_HTTP_BIND", "127.0.0.1");
    env.put("ONAIR_HTTP_PORT", Integer.toString(port));
    env.put("ONAIR_SOURCE_URL", input.toString());
    env.put("ONAIR_REALTIME", "false");
    env.put("ONAIR_OVERLAY_FILE", logo.toString());
    env.put("ONAIR_VIDEO_WIDTH", Integer.toString(p.width()));
    env.put("ONAIR_VIDEO_HEIGHT", Integer.toString(p.height()));
    env.put("ONAIR_VIDEO_FPS", Integer.toString(p.fps()));
    env.put("ONAIR_VIDEO_BITRATE_KBPS", Integer.toString(p.bitrateKbps()));
    Process process = builder.start();
    URI status = URI.create("http://127.0.0.1:" + port + "/status");
    return measure(
        process,
        () -> {
          try {
            String body =
                HTTP.send(HttpRequest.newBuilder(status).build(), BodyHandlers.ofString()).body();
            return JSON.readTree(body).get("frames").asLong();
          } catch (IOException e) {
            return 0L;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0L;
          }
        },
        frames);
  }

  /**
   * Samples a running child's progress and CPU time every 20 ms; returns fps and CPU per frame
   * between FROM and TO of its frames.
   */
  private static Run measure(Process process, LongSupplier progress, long frames) throws Exception {
    long fromFrames = (long) (frames * FROM);
    long toFrames = (long) (frames * TO);
    long[] start = null;
    long[] end = null;
    long done = 0;
    while (process.isAlive() && end == null) {
      done = progress.getAsLong();
      long cpu = cpuTicks(process.pid());
      long now = System.nanoTime();
      if (start == null && done >= fromFrames) {
        start = new long[] {now, cpu, done};
      } else if (start != null && done >= toFrames) {
        end = new long[] {now, cpu, done};
      }
      Thread.sleep(20);
    }
    int rc = process.waitFor();
    if (rc != 0 || start == null || end == null) {
      throw new IOException(
          String.format(
              Locale.ROOT,
              "benchmark child failed or ended early (exit %d, last seen at frame %d of %d,"
                  + " window %d to %d)",
              rc,
              done,
              frames,
              fromFrames,
              toFrames));
    }
    double seconds = (end[0] - start[0]) / 1e9;
    long counted = end[2] - start[2];
    return new Run(counted / seconds, (end[1] - start[1]) / 100.0 / counted);
  }

  /** utime + stime of a live process, all threads, in clock ticks (100 per second). */
  private static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // After "pid (comm) ", state is field 3, so utime (14) and stime (15) are at 11 and 12.
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
