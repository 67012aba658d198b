package dev.onair.sandbox;

import dev.onair.apiserver.RequestLog;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What live streams cost the Kubernetes API in writes: the real operator, real encoder and relay
 * pods (run by the sandbox's pod runner), a moving test picture (testsrc2, so the thumbnail really
 * changes) and a still one (a flat colour), each LiveStream restreamed to its own RTMP receiver.
 * Once everything is live, every write request the API answers in a window is attributed to its
 * stream by name and reported per stream per minute, beside the goals: at most 20 KB for a moving
 * stream, and no write at all for the still one, whose telemetry never changes meaningfully.
 *
 * <p>{@code ./mvnw -q -DskipTests install && ./mvnw -q -pl sandbox test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.onair.sandbox.ApiWriteBudgetBenchmark
 * [-Dbench.moving=2] [-Dbench.window=180]}
 */
public final class ApiWriteBudgetBenchmark {
  static final String NS = "budget";
  static final long GOAL_BYTES_PER_MINUTE = 20 * 1024;

  private ApiWriteBudgetBenchmark() {}

  /**
   * Moving streams (one still stream always runs beside them), the warm-up after all are live and
   * the measured window. The warm-up is longer than the thumbnail interval (60 s), so the window
   * sees the steady state: the first thumbnail of a stream is often of its first frames.
   */
  record Sizes(int moving, Duration warmUp, Duration window) {
    static Sizes fromSystemProperties() {
      return new Sizes(
          Integer.getInteger("bench.moving", 2),
          Duration.ofSeconds(75),
          Duration.ofSeconds(Integer.getInteger("bench.window", 180)));
    }

    /** Proves in every build that the benchmark runs and prints; too short to judge anything. */
    static Sizes smoke() {
      return new Sizes(1, Duration.ofSeconds(5), Duration.ofSeconds(15));
    }
  }

  public static void main(String[] args) throws Exception {
    run(Sizes.fromSystemProperties(), System.out);
  }

  /** Runs the benchmark, prints its table to {@code out} and returns the table's rows. */
  static List<String> run(Sizes sizes, PrintStream out) throws Exception {
    Path root = Sandbox.root();
    Path work = Files.createTempDirectory("onair-write-budget");
    Files.createDirectories(work.resolve("pods"));
    List<String> streams = new ArrayList<>();
    for (int i = 0; i < sizes.moving(); i++) {
      streams.add("moving-" + i);
    }
    streams.add("still");
    List<AutoCloseable> parts = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    try {
      KubeApi api = KubeApi.start(root.resolve("crds"));
      parts.add(api);
      api.ensureNamespace(NS);
      EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("pg"));
      parts.add(db);
      TestSource moving =
          TestSource.start(
              work.resolve("moving"), 640, 360, Sandbox.FPS, work.resolve("moving.log"));
      parts.add(moving);
      TestSource still =
          TestSource.start(
              work.resolve("still"),
              "color=c=0x224488:size=640x360:rate=" + Sandbox.FPS,
              Sandbox.FPS,
              work.resolve("still.log"));
      parts.add(still);
      PodRunner pods =
          new PodRunner(
              api.client(),
              Map.of(
                  OperatorProcess.ENCODER_IMAGE,
                  new Program(
                      root.resolve("encoder-image/target/onair-encoder.jar"),
                      List.of("-XX:+UseSerialGC", "-Xmx384m")),
                  OperatorProcess.RELAY_IMAGE,
                  new Program(
                      root.resolve("relay-image/target/onair-relay.jar"),
                      List.of("-XX:+UseSerialGC", "-Xmx192m"))),
              work.resolve("pods"),
              Path.of(System.getProperty("user.home"), ".javacpp", "cache"));
      pods.start();
      parts.add(pods);
      OperatorProcess operator =
          OperatorProcess.start(
              root.resolve("operator/target/quarkus-app/quarkus-run.jar"),
              api.url(),
              db.jdbcUrl(),
              FreePorts.any(),
              work.resolve("operator.log"),
              Duration.ofMinutes(2));
      parts.add(operator);

      KubernetesClient client = api.client();
      client.load(new java.io.ByteArrayInputStream(key().getBytes())).create();
      for (String name : streams) {
        RtmpSink sink = new RtmpSink(name, Graphics.overlayCheck(), Graphics.slateCheck());
        parts.add(sink);
        String source = name.equals("still") ? still.url() : moving.url();
        client
            .load(new java.io.ByteArrayInputStream(stream(name, source, sink).getBytes()))
            .create();
      }
      awaitLive(client, streams, Duration.ofMinutes(3));
      Thread.sleep(sizes.warmUp().toMillis());

      RequestLog log = api.requests();
      Map<String, Object> stillBefore = statuses(client, "still");
      log.record(true);
      log.drain();
      Thread.sleep(sizes.window().toMillis());
      Map<String, Object> stillAfter = statuses(client, "still");
      List<RequestLog.Entry> writes =
          log.drain().stream().filter(RequestLog.Entry::isWrite).toList();
      log.record(false);

      double minutes = sizes.window().toMillis() / 60_000.0;
      Map<String, long[]> byStream = new LinkedHashMap<>();
      streams.forEach(s -> byStream.put(s, new long[2]));
      long[] other = new long[2];
      long[] kubelet = new long[2];
      for (RequestLog.Entry w : writes) {
        long[] into = other;
        if (w.path().contains("/pods/") || w.path().endsWith("/pods")) {
          into = kubelet; // the pod runner plays the kubelet: its pod status writes are not ours
        } else {
          for (String s : streams) {
            if (w.path().contains("/" + s + "/") || w.path().contains("/" + s + "-")) {
              into = byStream.get(s);
              break;
            }
          }
        }
        into[0]++;
        into[1] += w.bodyBytes();
      }
      for (Map.Entry<String, long[]> e : byStream.entrySet()) {
        boolean isStill = e.getKey().equals("still");
        long perMinute = Math.round(e.getValue()[1] / minutes);
        rows.add(
            row(
                e.getKey() + ": status writes per minute",
                Math.round(e.getValue()[0] / minutes),
                "writes",
                isStill ? 0L : null));
        rows.add(
            row(
                e.getKey() + ": bytes written per minute",
                perMinute,
                "bytes",
                isStill ? 0L : GOAL_BYTES_PER_MINUTE));
      }
      rows.add(
          "| still: what changed in its statuses | "
              + String.join(", ", changed("", stillBefore, stillAfter))
              + " | | |");
      rows.add(row("writes not naming a stream (events, ...)", other[0], "writes", null));
      rows.add(row("pod status writes by the kubelet stand-in", kubelet[0], "writes", null));
    } finally {
      for (int i = parts.size() - 1; i >= 0; i--) {
        try {
          parts.get(i).close();
        } catch (Exception e) {
          out.println("closing " + parts.get(i).getClass().getSimpleName() + ": " + e);
        }
      }
      out.println();
      out.println(
          "OnAir API writes per live stream: real encoders and relays, "
              + sizes.moving()
              + " moving picture(s) and 1 still, a "
              + sizes.window().toSeconds()
              + " s window, "
              + Runtime.getRuntime().availableProcessors()
              + " cores");
      out.println("| measure | value | goal | ratio |");
      out.println("| --- | --- | --- | --- |");
      rows.forEach(out::println);
    }
    return rows;
  }

  /** The statuses of a stream's LiveStream, Endpoint and Restream, by kind. */
  private static Map<String, Object> statuses(KubernetesClient client, String stream) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("LiveStream", status(client, "LiveStream", stream));
    all.put("Endpoint", status(client, "Endpoint", stream + "-sink"));
    all.put("Restream", status(client, "Restream", stream + "-out"));
    return all;
  }

  /** The JSON paths whose values differ, e.g. {@code LiveStream.telemetry.bitrateKbps}. */
  private static List<String> changed(String path, Object before, Object after) {
    if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
      List<String> paths = new ArrayList<>();
      java.util.Set<Object> keys =
          new java.util.TreeSet<>(java.util.Comparator.comparing(String::valueOf));
      keys.addAll(b.keySet());
      keys.addAll(a.keySet());
      for (Object k : keys) {
        paths.addAll(changed(path.isEmpty() ? k.toString() : path + "." + k, b.get(k), a.get(k)));
      }
      return paths;
    }
    return java.util.Objects.equals(before, after) ? List.of() : List.of(path);
  }

  private static Object status(KubernetesClient client, String kind, String name) {
    GenericKubernetesResource r =
        client
            .genericKubernetesResources("streaming.onair.dev/v1alpha1", kind)
            .inNamespace(NS)
            .withName(name)
            .get();
    return r == null ? null : r.getAdditionalProperties().get("status");
  }

  private static void awaitLive(KubernetesClient client, List<String> streams, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean all = true;
      for (String s : streams) {
        all &= "Live".equals(phase(client, "LiveStream", s));
        all &= "Live".equals(phase(client, "Restream", s + "-out"));
      }
      if (all) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("not every stream and restream was Live within " + timeout);
  }

  private static String phase(KubernetesClient client, String kind, String name) {
    return status(client, kind, name) instanceof Map<?, ?> status
        ? String.valueOf(status.get("phase"))
        : null;
  }

  private static String key() {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: sink-key
          namespace: %s
          labels:
            streaming.onair.dev/usable: "true"
        stringData:
          key: budget-key
        """
        .formatted(NS);
  }

  /** A LiveStream, its Endpoint and its Restream, as a user's YAML would have them. */
  private static String stream(String name, String source, RtmpSink sink) {
    return """
        apiVersion: streaming.onair.dev/v1alpha1
        kind: LiveStream
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          state: Running
          source:
            url: %3$s
          video:
            width: 640
            height: 360
            fps: 25
            bitrateKbps: 800
            preset: veryfast
        ---
        apiVersion: streaming.onair.dev/v1alpha1
        kind: Endpoint
        metadata:
          name: %1$s-sink
          namespace: %2$s
        spec:
          platform: custom
          url: %4$s
          streamKeySecretRef:
            name: sink-key
            key: key
        ---
        apiVersion: streaming.onair.dev/v1alpha1
        kind: Restream
        metadata:
          name: %1$s-out
          namespace: %2$s
        spec:
          liveStreamRef:
            name: %1$s
          endpointRefs:
            - name: %1$s-sink
        """
        .formatted(name, NS, source, sink.url());
  }

  private static String row(String what, long value, String unit, Long goal) {
    return String.format(
        Locale.ROOT,
        "| %s | %d %s | %s | %s |",
        what,
        value,
        unit,
        goal == null ? "" : "≤ " + goal + " " + unit,
        goal == null
            ? ""
            : goal == 0
                ? (value == 0 ? "met" : "MISSED")
                : String.format(Locale.ROOT, "%.2f of goal", value / (double) goal));
  }
}
