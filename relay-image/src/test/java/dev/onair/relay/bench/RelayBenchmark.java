package dev.onair.relay.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.relay.RtmpSink;
import dev.onair.relay.TsSource;
import dev.onair.testmedia.BundledFfmpeg;
import dev.onair.testmedia.TestClips;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * CPU per output of the relay's copy fan-out against the bundled ffmpeg CLI doing the same copy to
 * the same number of RTMP endpoints, for N = 1, 6 and 24 outputs of a 3 Mb/s 720p30 stream.
 *
 * <p>Both read the same paced MPEG-TS over HTTP and push FLV over RTMP to listen-mode sinks in this
 * JVM; only the relay's (or the CLI's) own process CPU time is counted, over a steady window after
 * a warm-up. Run with {@code ./mvnw -q -pl relay-image -DskipTests package exec:java}.
 */
public final class RelayBenchmark {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  /**
   * What one benchmark run does: for each output count, the relay and then the CLI, each measured
   * over {@code measureSeconds} after {@code warmupSeconds}, reading a 3 Mb/s 30 fps clip of {@code
   * clipWidth} x {@code clipHeight}.
   *
   * @param relayJvm the relay's JVM options
   * @param httpPort the relay's status port, read for the packets it skipped
   * @param threadTicks whether to print CPU ticks per thread name as well
   * @param settleMillis pause after each measurement, so the last sinks' listen timeouts run out
   *     before the next process starts
   */
  public record Settings(
      int warmupSeconds,
      int measureSeconds,
      List<Integer> counts,
      String relayJvm,
      int httpPort,
      boolean threadTicks,
      int clipWidth,
      int clipHeight,
      int settleMillis) {

    /**
     * The measurement: {@code bench.warmup}, {@code bench.measure}, {@code bench.counts}, {@code
     * bench.jvm}, {@code bench.httpPort}, {@code bench.threads}.
     */
    public static Settings fromSystemProperties() {
      return new Settings(
          Integer.getInteger("bench.warmup", 8),
          Integer.getInteger("bench.measure", 20),
          Arrays.stream(System.getProperty("bench.counts", "1,6,24").split(","))
              .map(Integer::valueOf)
              .toList(),
          // The relay's JVM options, as in the Dockerfile's ENTRYPOINT.
          System.getProperty(
              "bench.jvm", "-XX:+UseSerialGC -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError"),
          Integer.getInteger("bench.httpPort", 18089),
          Boolean.getBoolean("bench.threads"),
          1280,
          720,
          2500);
    }

    /**
     * Every step for 1 and 2 outputs: no warm-up or pause, a window just long enough to count a few
     * CPU ticks of the CLI, and a smaller clip (same bitrate) that is quick to make. Proves the
     * benchmark runs; measures nothing.
     */
    public static Settings smoke() throws IOException {
      return new Settings(
          0,
          3,
          List.of(1, 2),
          fromSystemProperties().relayJvm(),
          RtmpSink.freePort(),
          false,
          640,
          360,
          0);
    }
  }

  private RelayBenchmark() {}

  public static void main(String[] args) throws Exception {
    run(
        Settings.fromSystemProperties(),
        Files.createTempDirectory("onair-relay-bench"),
        System.out);
    System.exit(0);
  }

  /**
   * Runs the benchmark with its clip, configuration and relay logs in {@code dir}, printing every
   * figure to {@code out}. Needs the relay's fat jar, {@code target/onair-relay.jar}.
   */
  public static void run(Settings settings, Path dir, PrintStream out) throws Exception {
    int logLevel = avutil.av_log_get_level();
    // The sinks in this JVM would otherwise print every listen timeout.
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    try {
      new Run(settings, dir, out).all();
    } finally {
      avutil.av_log_set_level(logLevel);
    }
  }

  private interface Launcher {
    Process start(List<RtmpSink> sinks) throws IOException;
  }

  /** CPU of the process under test in cores, and video frames per second each sink received. */
  private record Sample(double cores, double fps, long rssMb) {}

  /** One run of the benchmark: its settings, its directory and where its figures go. */
  private record Run(Settings settings, Path dir, PrintStream out) {
    void all() throws Exception {
      Path clip =
          TestClips.encoderOutputTs(
              dir.resolve("bench-" + settings.clipHeight() + "p-3mbps.ts"),
              settings.clipWidth(),
              settings.clipHeight(),
              settings.warmupSeconds() + settings.measureSeconds() + 20);
      Path moduleJar = Path.of("target", "onair-relay.jar").toAbsolutePath();
      Path jar =
          Files.exists(moduleJar)
              ? moduleJar
              : Path.of("relay-image", "target", "onair-relay.jar").toAbsolutePath();
      List<String> rows = new ArrayList<>();
      try (TsSource source = new TsSource(clip)) {
        for (int n : settings.counts()) {
          Sample relay = measure(n, sinks -> startRelay(jar, source.url(), sinks));
          Sample cli = measure(n, sinks -> startCli(source.url(), sinks));
          rows.add(
              String.format(
                  Locale.ROOT,
                  "| %2d | %5.2f%% | %5.2f%% | %5.2f%% | %5.2f%% | %4.2f | %4.1f / %4.1f | %d / %d |",
                  n,
                  relay.cores() * 100,
                  relay.cores() * 100 / n,
                  cli.cores() * 100,
                  cli.cores() * 100 / n,
                  relay.cores() / cli.cores(),
                  relay.fps(),
                  cli.fps(),
                  relay.rssMb(),
                  cli.rssMb()));
          out.println(rows.get(rows.size() - 1));
        }
      }
      out.println();
      out.println(
          "3 Mb/s "
              + settings.clipWidth()
              + "x"
              + settings.clipHeight()
              + " 30 fps H.264 + 128 kb/s AAC, copy fan-out to N RTMP sinks on loopback;"
              + " CPU in % of one core over "
              + settings.measureSeconds()
              + " s after "
              + settings.warmupSeconds()
              + " s warm-up; relay JVM options: "
              + settings.relayJvm());
      out.println(
          "| N | relay total | relay per output | ffmpeg CLI total | CLI per output | relay/CLI |"
              + " fps per sink (relay / CLI) | RSS MB (relay / CLI) |");
      out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
      rows.forEach(out::println);
    }

    /** Starts N sinks and the process under test and measures it over the window. */
    private Sample measure(int n, Launcher launcher) throws Exception {
      List<RtmpSink> sinks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        sinks.add(RtmpSink.rtmp());
      }
      Thread.sleep(300); // let the sinks listen
      Process process = launcher.start(sinks);
      try {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (sinks.stream().anyMatch(s -> s.videoPackets() == 0)) {
          if (System.nanoTime() > deadline || !process.isAlive()) {
            throw new IllegalStateException("not every sink received video for N=" + n);
          }
          Thread.sleep(200);
        }
        Thread.sleep(settings.warmupSeconds() * 1000L);
        java.util.Map<String, Long> threads0 = threadTicks(process.pid());
        long ticks0 = cpuTicks(process.pid());
        long wall0 = System.nanoTime();
        long video0 = sinks.stream().mapToLong(RtmpSink::videoPackets).sum();
        Thread.sleep(settings.measureSeconds() * 1000L);
        long ticks1 = cpuTicks(process.pid());
        if (settings.threadTicks()) {
          java.util.Map<String, Long> threads1 = threadTicks(process.pid());
          StringBuilder line = new StringBuilder("N=" + n + " threads (ticks):");
          threads1.forEach(
              (name, ticks) -> {
                long delta = ticks - threads0.getOrDefault(name, 0L);
                if (delta > 0) {
                  line.append(' ').append(name).append('=').append(delta);
                }
              });
          out.println(line);
        }
        long wall1 = System.nanoTime();
        long video1 = sinks.stream().mapToLong(RtmpSink::videoPackets).sum();
        double seconds = (wall1 - wall0) / 1e9;
        // Reported, not enforced: on a shared machine the sinks in this JVM may fall behind, and a
        // reader of the figures should see it (a process that delivers less also spends less).
        double fps = (video1 - video0) / seconds / n;
        long dropped = relayDroppedPackets();
        if (dropped >= 0) {
          out.println("N=" + n + ": relay skipped " + dropped + " packets for lagging outputs");
        }
        return new Sample(
            (ticks1 - ticks0) / TICKS_PER_SECOND / seconds, fps, rssMb(process.pid()));
      } finally {
        process.destroy();
        process.waitFor();
        sinks.forEach(RtmpSink::close);
        Thread.sleep(settings.settleMillis());
      }
    }

    private Process startRelay(Path jar, String input, List<RtmpSink> sinks) throws IOException {
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = json.createObjectNode();
      ArrayNode outputs = root.putArray("outputs");
      Path keys = Files.createDirectories(dir.resolve("keys"));
      for (int i = 0; i < sinks.size(); i++) {
        Path key = keys.resolve("out-" + i);
        Files.writeString(key, "bench-key-" + i);
        outputs
            .addObject()
            .put("name", "out-" + i)
            .put("url", "rtmp://127.0.0.1:" + sinks.get(i).port() + "/live")
            .put("keyFile", key.toString());
      }
      Path outputsFile = dir.resolve("outputs-" + sinks.size() + ".json");
      json.writeValue(outputsFile.toFile(), root);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>();
      command.add(java);
      command.addAll(List.of(settings.relayJvm().trim().split("\\s+")));
      command.addAll(List.of("-jar", jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("relay-" + sinks.size() + ".log").toFile());
      builder.environment().put("ONAIR_INPUT_URL", input);
      builder.environment().put("ONAIR_OUTPUTS_FILE", outputsFile.toString());
      builder.environment().put("ONAIR_HTTP_BIND", "127.0.0.1");
      builder.environment().put("ONAIR_HTTP_PORT", Integer.toString(settings.httpPort()));
      return builder.start();
    }

    /**
     * Packets the relay skipped for lagging outputs, summed over outputs (-1 when not the relay).
     */
    private long relayDroppedPackets() {
      try {
        String metrics =
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(
                                "http://127.0.0.1:" + settings.httpPort() + "/metrics"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics
            .lines()
            .filter(line -> line.startsWith("onair_relay_output_dropped_packets_total{"))
            .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
      } catch (Exception e) {
        return -1;
      }
    }
  }

  /** CPU ticks per thread name (threads of the same name summed). */
  private static java.util.Map<String, Long> threadTicks(long pid) throws IOException {
    java.util.Map<String, Long> ticks = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks.merge(
              name.replaceAll("[0-9]+$", "#"),
              Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
              Long::sum);
        } catch (IOException e) {
          // the thread ended
        }
      }
    }
    return ticks;
  }

  private static long rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static Process startCli(String input, List<RtmpSink> sinks) throws IOException {
    List<String> command = new ArrayList<>(List.of("-nostats", "-loglevel", "error", "-i", input));
    for (int i = 0; i < sinks.size(); i++) {
      command.addAll(
          List.of(
              "-map",
              "0:v:0",
              "-map",
              "0:a:0",
              "-c",
              "copy",
              "-f",
              "flv",
              "rtmp://127.0.0.1:" + sinks.get(i).port() + "/live/bench-key-" + i));
    }
    return BundledFfmpeg.command(command)
        .directory(new java.io.File(System.getProperty("java.io.tmpdir")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
