package dev.onair.sandbox;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The operator's own footprint at scale: the real operator in its own process (exactly as the
 * sandbox runs it, {@code -Xmx384m}), the API server stand-in and PostgreSQL beside it, N
 * LiveStreams with their encoder pods reported running (nothing answers their /status, so every
 * poll fails after its timeout). Prints the operator's RSS and heap after a GC, create → pod
 * latency for streams added one at a time at that scale, and what unrelated, unlabelled Secrets and
 * ConfigMaps in other namespaces cost it, beside the goals.
 *
 * <p>{@code ./mvnw -q -DskipTests install && ./mvnw -q -pl sandbox test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.onair.sandbox.OperatorFootprintBenchmark
 * [-Dbench.streams=1000] [-Dbench.unrelated=10000]}: with {@code -Dbench.streams=200} it is the
 * shared-cluster case of docs/benchmarks.md.
 */
public final class OperatorFootprintBenchmark {
  static final String NS = "scale";

  private OperatorFootprintBenchmark() {}

  /**
   * How big a run is: the streams created, those then added and stopped one at a time at that
   * scale, how long the operator settles after the pods turn running, and the idle window.
   */
  record Sizes(
      int streams, int oneByOne, Duration settle, Duration idle, int unrelated, int namespaces) {
    static Sizes fromSystemProperties() {
      return new Sizes(
          Integer.getInteger("bench.streams", 1000),
          20,
          Duration.ofSeconds(20),
          Duration.ofSeconds(20),
          Integer.getInteger("bench.unrelated", 10_000),
          50);
    }

    /** Seconds, not minutes: proves in every build that the benchmark still runs and prints. */
    static Sizes smoke() {
      return new Sizes(10, 3, Duration.ofSeconds(2), Duration.ofSeconds(2), 100, 5);
    }
  }

  /** The data of each unrelated Secret and ConfigMap: 4 KB, as a typical credential bundle. */
  private static final String FOUR_KB =
      java.util.Base64.getEncoder().encodeToString("0123456789ab".repeat(256).getBytes());

  public static void main(String[] args) throws Exception {
    run(Sizes.fromSystemProperties(), System.out);
  }

  /** Runs the benchmark, prints its table to {@code out} and returns the table's rows. */
  static List<String> run(Sizes sizes, PrintStream out) throws Exception {
    int streams = sizes.streams();
    Path root = Sandbox.root();
    Path work = Files.createTempDirectory("onair-footprint");
    List<String> rows = new ArrayList<>();
    try (KubeApi api = KubeApi.start(root.resolve("crds"));
        EmbeddedDatabase db = EmbeddedDatabase.start(work.resolve("pg"));
        OperatorProcess operator =
            OperatorProcess.start(
                root.resolve("operator/target/quarkus-app/quarkus-run.jar"),
                api.url(),
                db.jdbcUrl(),
                FreePorts.any(),
                work.resolve("operator.log"),
                Duration.ofMinutes(2))) {
      KubernetesClient client = api.client();
      api.ensureNamespace(NS);
      long idleRss = rssMiB(operator.pid());

      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        String name = "stream-" + i;
        created.add(pool.submit(() -> client.resource(liveStream(name)).create()));
      }
      for (Future<?> f : created) {
        f.get();
      }
      long start = System.nanoTime();
      while (encoderPods(client).size() < streams) {
        if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
          throw new IllegalStateException("pods did not all appear within 10 minutes");
        }
        Thread.sleep(1000);
      }
      // Report every encoder running at an address where nothing listens: the operator polls them.
      List<Future<?>> marked = new ArrayList<>();
      for (Pod pod : encoderPods(client)) {
        marked.add(pool.submit(() -> markRunning(client, pod)));
      }
      for (Future<?> f : marked) {
        f.get();
      }
      pool.shutdown();
      Thread.sleep(sizes.settle().toMillis());

      List<Long> latencies = new ArrayList<>();
      for (int i = 0; i < sizes.oneByOne(); i++) {
        String name = "extra-" + i;
        long t0 = System.nanoTime();
        client.resource(liveStream(name)).create();
        while (client
            .pods()
            .inNamespace(NS)
            .withLabel("app.kubernetes.io/instance", name)
            .list()
            .getItems()
            .isEmpty()) {
          Thread.sleep(5);
        }
        latencies.add((System.nanoTime() - t0) / 1_000_000);
      }
      Collections.sort(latencies);

      // Stop them one at a time: stop is pod deletion.
      List<Long> stops = new ArrayList<>();
      for (int i = 0; i < sizes.oneByOne(); i++) {
        String name = "extra-" + i;
        long t0 = System.nanoTime();
        client
            .genericKubernetesResources("streaming.onair.dev/v1alpha1", "LiveStream")
            .inNamespace(NS)
            .withName(name)
            .edit(
                r -> {
                  @SuppressWarnings("unchecked")
                  var spec =
                      (java.util.Map<String, Object>) r.getAdditionalProperties().get("spec");
                  spec.put("state", "Stopped");
                  return r;
                });
        while (!client
            .pods()
            .inNamespace(NS)
            .withLabel("app.kubernetes.io/instance", name)
            .list()
            .getItems()
            .isEmpty()) {
          Thread.sleep(5);
        }
        stops.add((System.nanoTime() - t0) / 1_000_000);
      }
      Collections.sort(stops);

      // Idle: nothing changes; the operator keeps polling and reconciling, never writing.
      Thread.sleep(Math.min(5_000, sizes.settle().toMillis()));
      api.requests().record(true);
      api.requests().drain(); // forget what came before the window
      Thread.sleep(sizes.idle().toMillis());
      long writes = api.requests().drain().stream().filter(r -> r.isWrite()).count();
      api.requests().record(false);

      new ProcessBuilder("jcmd", String.valueOf(operator.pid()), "GC.run").start().waitFor();
      Thread.sleep(2000);
      long rss = rssMiB(operator.pid());
      long heap = heapUsedMiB(operator.managementUrl());
      rows.add(row("operator RSS before any stream", idleRss, "MiB", null));
      rows.add(row("operator RSS at " + streams + " streams (after GC)", rss, "MiB", 400.0));
      rows.add(row("operator heap used at " + streams + " streams (after GC)", heap, "MiB", null));
      rows.add(
          row(
              "at " + streams + " streams: create → encoder pod, p50",
              latencies.get(latencies.size() / 2),
              "ms",
              null));
      rows.add(
          row(
              "at " + streams + " streams: create → encoder pod, max of " + sizes.oneByOne(),
              latencies.get(latencies.size() - 1),
              "ms",
              500.0));
      rows.add(
          row(
              "at " + streams + " streams: stop → pod deleted, p50",
              stops.get(stops.size() / 2),
              "ms",
              null));
      rows.add(
          row(
              "at " + streams + " streams: stop → pod deleted, max of " + sizes.oneByOne(),
              stops.get(stops.size() - 1),
              "ms",
              500.0));
      // Unrelated Secrets and ConfigMaps, without the consent label, in other namespaces: the
      // operator's label-filtered informers must not hold them.
      long[] before = {heap, rss};
      createUnrelated(client, sizes);
      Thread.sleep(sizes.settle().toMillis());
      new ProcessBuilder("jcmd", String.valueOf(operator.pid()), "GC.run").start().waitFor();
      Thread.sleep(2000);
      long heapWith = heapUsedMiB(operator.managementUrl());
      long rssWith = rssMiB(operator.pid());
      String unrelated =
          sizes.unrelated()
              + " Secrets + "
              + sizes.unrelated()
              + " ConfigMaps of 4 KB in "
              + sizes.namespaces()
              + " namespaces";
      rows.add(row("heap after GC, then with " + unrelated, heapWith, "MiB", null));
      rows.add(row("RSS, then with " + unrelated, rssWith, "MiB", null));
      rows.add(row("cost of " + unrelated + ": heap", heapWith - before[0], "MiB", 10.0));
      rows.add(row("cost of " + unrelated + ": RSS", rssWith - before[1], "MiB", 10.0));
      rows.add(
          row(
              "writes during a "
                  + sizes.idle().toSeconds()
                  + " s idle window at "
                  + streams
                  + " streams",
              writes,
              "",
              0.0));
    } finally {
      out.println();
      out.println(
          "OnAir operator footprint: its own process (-Xmx384m, SerialGC), "
              + Runtime.getRuntime().availableProcessors()
              + " cores");
      out.println("| measure | value | goal | ratio |");
      out.println("| --- | --- | --- | --- |");
      rows.forEach(out::println);
    }
    return rows;
  }

  private static void createUnrelated(KubernetesClient client, Sizes sizes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> created = new ArrayList<>();
    for (int n = 0; n < sizes.namespaces(); n++) {
      client
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("tenant-" + n)
                  .endMetadata()
                  .build())
          .create();
    }
    for (int i = 0; i < sizes.unrelated(); i++) {
      String ns = "tenant-" + (i % sizes.namespaces());
      String name = "unrelated-" + i;
      created.add(
          pool.submit(
              () ->
                  client
                      .resource(
                          new io.fabric8.kubernetes.api.model.SecretBuilder()
                              .withNewMetadata()
                              .withName(name)
                              .withNamespace(ns)
                              .endMetadata()
                              .addToData("credentials", FOUR_KB)
                              .build())
                      .create()));
      created.add(
          pool.submit(
              () ->
                  client
                      .resource(
                          new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                              .withNewMetadata()
                              .withName(name)
                              .withNamespace(ns)
                              .endMetadata()
                              .addToData("settings", FOUR_KB)
                              .build())
                      .create()));
    }
    for (Future<?> f : created) {
      f.get();
    }
    pool.shutdown();
  }

  private static List<Pod> encoderPods(KubernetesClient client) {
    return client
        .pods()
        .inNamespace(NS)
        .withLabel("app.kubernetes.io/component", "encoder")
        .list()
        .getItems();
  }

  private static void markRunning(KubernetesClient client, Pod pod) {
    Pod fresh = client.pods().inNamespace(NS).withName(pod.getMetadata().getName()).get();
    fresh.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder()
            .withPhase("Running")
            .withPodIP("127.0.0.254")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .build());
    client.resource(fresh).updateStatus();
  }

  /** A LiveStream as a user's YAML would have it (the sandbox speaks YAML, not the model). */
  private static String liveStream(String name) {
    return """
        apiVersion: streaming.onair.dev/v1alpha1
        kind: LiveStream
        metadata:
          name: %s
          namespace: %s
        spec:
          source:
            url: https://cdn.example.com/%s.m3u8
        """
        .formatted(name, NS, name);
  }

  private static long rssMiB(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  private static long heapUsedMiB(String operatorUrl) throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(operatorUrl + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double bytes = 0;
    for (String line : metrics.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\"")) {
        bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Math.round(bytes / (1024 * 1024));
  }

  private static String row(String what, long value, String unit, Double goal) {
    return String.format(
        Locale.ROOT,
        "| %s | %d %s | %s | %s |",
        what,
        value,
        unit,
        goal == null ? "" : "≤ " + goal.longValue() + " " + unit,
        goal == null
            ? ""
            : goal == 0
                ? (value == 0 ? "met" : "MISSED")
                : String.format(Locale.ROOT, "%.2f of goal", value / goal));
  }
}
