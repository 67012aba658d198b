package dev.onair.bench;

import static org.awaitility.Awaitility.await;

import dev.onair.api.v1alpha1.DesiredState;
import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointSpec;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.ObjectRef;
import dev.onair.api.v1alpha1.Platform;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamSpec;
import dev.onair.apiserver.ApiServer;
import dev.onair.apiserver.RequestLog;
import dev.onair.operator.FakeMediaPod;
import dev.onair.operator.Kubelet;
import dev.onair.operator.TestApiServer;
import dev.onair.operator.TestStreams;
import dev.onair.operator.common.ConsentedObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operator at 1,000 LiveStreams and 200 Restreams on the API server stand-in. A benchmark, not
 * a test: run it with {@code ./mvnw -pl operator test -Dtest=OperatorScaleBenchmark} and read the
 * table it prints (each figure beside its goal and the ratio). The operator, the API server
 * stand-in and this driver share one JVM, so heap and RSS are upper bounds for the operator alone.
 */
@QuarkusTest
@TestProfile(ScaleProfile.class)
@WithTestResource(
    value = TestApiServer.class,
    initArgs =
        @ResourceArg(
            name = TestApiServer.NAMESPACES,
            value = OperatorScaleBenchmark.NS + ",baseline"))
class OperatorScaleBenchmark {
  static final String NS = "scale";

  /**
   * How big a run is: streams and Restreams created in bursts, streams then added one at a time at
   * that scale, and the idle window in which no writes may happen.
   */
  record Sizes(int streams, int restreams, int oneByOne, Duration idle) {
    static Sizes fromSystemProperties() {
      return new Sizes(
          Integer.getInteger("bench.streams", 1000),
          Integer.getInteger("bench.restreams", 200),
          50,
          Duration.ofSeconds(15));
    }

    /** Seconds, not minutes: proves in every build that the benchmark still runs and prints. */
    static Sizes smoke() {
      return new Sizes(12, 3, 3, Duration.ofSeconds(2));
    }
  }

  private final Sizes sizes = sizes();
  private final int streams = sizes.streams();
  private final int restreams = sizes.restreams();

  @TestApiServer.Inject ApiServer server;
  @Inject KubernetesClient client;
  @Inject MeterRegistry meters;

  private final Map<String, Long> created = new ConcurrentHashMap<>();
  private final Map<String, Long> podSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> stopped = new ConcurrentHashMap<>();
  private final Map<String, Long> podGone = new ConcurrentHashMap<>();
  private final List<String> rows = new ArrayList<>();

  /** The sizes of this run; the smoke test runs tiny ones. */
  Sizes sizes() {
    return Sizes.fromSystemProperties();
  }

  /** The table printed at the end, one "| measure | value | goal | ratio |" line per row. */
  List<String> rows() {
    return rows;
  }

  @Test
  void scale() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    SharedIndexInformer<Pod> pods = watchEncoderPods();
    try (FakeMediaPod encoder = new FakeMediaPod("127.0.0.1", FakeMediaPod.podPort());
        ServerSocket silent = new ServerSocket()) {
      encoder.answer(
          "/status",
          "{\"version\":1,\"state\":\"Live\",\"fps\":30.0,\"bitrateKbps\":3000,\"sourceConnected\":true,\"slateActive\":false}");
      // A pod that accepts connections and never answers: it must not delay anyone's status.
      silent.bind(new InetSocketAddress("127.0.0.3", FakeMediaPod.podPort()));

      // 0. Baseline: the same number of pods created directly by the driver, seen through the same
      // informer path. This is what the API server itself delivers; the operator cannot beat it.
      Map<String, Long> baselineCreated = new ConcurrentHashMap<>();
      Map<String, Long> baselineSeen = new ConcurrentHashMap<>();
      SharedIndexInformer<Pod> baselineInformer =
          client
              .pods()
              .inNamespace("baseline")
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Pod pod) {
                      baselineSeen.putIfAbsent(pod.getMetadata().getName(), System.nanoTime());
                    }

                    @Override
                    public void onUpdate(Pod oldPod, Pod newPod) {}

                    @Override
                    public void onDelete(Pod pod, boolean unknown) {}
                  });
      runAll(
          pool,
          streams,
          i -> {
            baselineCreated.put("bare-" + i, System.nanoTime());
            client
                .resource(
                    new io.fabric8.kubernetes.api.model.PodBuilder()
                        .withNewMetadata()
                        .withName("bare-" + i)
                        .withNamespace("baseline")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("c")
                        .withImage("x")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
          });
      await().atMost(Duration.ofMinutes(5)).until(() -> baselineSeen.size() >= streams);
      baselineInformer.close();
      List<Long> baseline = latencies(baselineCreated, baselineSeen);
      client.pods().inNamespace("baseline").delete();

      // 1. Create → encoder pod.
      long t0 = System.nanoTime();
      runAll(
          pool,
          streams,
          i -> {
            created.put(name(i), System.nanoTime());
            client.resource(TestStreams.liveStream(NS, name(i))).create();
          });
      await().atMost(Duration.ofMinutes(5)).until(() -> podSeen.size() >= streams);
      List<Long> createLatency = latencies(created, podSeen);
      row(
          "baseline: driver creates a bare pod → seen, p50",
          Percentiles.of(baseline, 50),
          "ms",
          null);
      row(
          "baseline: driver creates a bare pod → seen, p99",
          Percentiles.of(baseline, 99),
          "ms",
          null);
      row(
          "burst of " + streams + " creates → encoder pod, p50",
          Percentiles.of(createLatency, 50),
          "ms",
          null);
      row(
          "burst of " + streams + " creates → encoder pod, p99",
          Percentiles.of(createLatency, 99),
          "ms",
          null);
      row(
          "burst create → pod p99 / baseline p99",
          (double) Percentiles.of(createLatency, 99) / Math.max(1, Percentiles.of(baseline, 99)),
          "×",
          null);
      row("all " + streams + " pods created after", ms(System.nanoTime() - t0), "ms", null);
      var timer = meters.find("onair.reconcile").tag("kind", "LiveStream").timer();
      row("LiveStream reconcile, mean", timer.mean(TimeUnit.MILLISECONDS), "ms", null);
      row("LiveStream reconcile, max", timer.max(TimeUnit.MILLISECONDS), "ms", null);
      row("LiveStream reconciles so far", timer.count(), "", null);

      // 2. Telemetry: every encoder ready; one answers never. All others must turn Live.
      long requestsBefore = server.requests().count();
      double reconcilesBefore = reconciles("LiveStream");
      long t1 = System.nanoTime();
      List<Pod> all =
          client
              .pods()
              .inNamespace(NS)
              .withLabel("app.kubernetes.io/component", "encoder")
              .list()
              .getItems();
      runAll(
          pool,
          all.size(),
          i ->
              Kubelet.ready(
                  client,
                  all.get(i),
                  all.get(i)
                          .getMetadata()
                          .getLabels()
                          .get("app.kubernetes.io/instance")
                          .equals(name(0))
                      ? "127.0.0.3"
                      : "127.0.0.1"));
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> countLive() >= streams - 1);
      row("all ready pods polled and Live in status after", ms(System.nanoTime() - t1), "ms", null);
      double reconciles = reconciles("LiveStream") - reconcilesBefore;
      long requests = server.requests().count() - requestsBefore;
      row(
          "API requests per LiveStream reconcile (incl. the driver's)",
          requests / Math.max(1, reconciles),
          "",
          null);

      // 3. Restreams with 3–8 endpoints each.
      long t2 = System.nanoTime();
      runAll(pool, restreams, i -> createRestream(i));
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  client
                          .pods()
                          .inNamespace(NS)
                          .withLabel("app.kubernetes.io/component", "relay")
                          .list()
                          .getItems()
                          .size()
                      >= restreams);
      row(restreams + " Restreams → relay pods after", ms(System.nanoTime() - t2), "ms", null);

      // 4. Idle: nothing changes. Reconciles keep happening (telemetry republication); writes must
      // not.
      Thread.sleep(5000);
      drain();
      double idleBefore = reconciles("LiveStream") + reconciles("Restream");
      Thread.sleep(sizes.idle().toMillis());
      long writes = drainWrites();
      row(
          "reconciles during a " + sizes.idle().toSeconds() + " s idle window",
          reconciles("LiveStream") + reconciles("Restream") - idleBefore,
          "",
          null);
      row("writes during the idle window", writes, "", 0.0);

      // 5. Memory.
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      row(
          "heap used after GC (operator + API stand-in + driver)",
          heap / (1024 * 1024),
          "MiB",
          null);
      row("RSS (operator + API stand-in + driver)", rssMiB(), "MiB", 400.0);

      // 6. At scale: one more stream at a time while all the others exist (what a team feels).
      List<Long> oneCreate = new ArrayList<>();
      List<Long> oneStop = new ArrayList<>();
      for (int i = 0; i < sizes.oneByOne(); i++) {
        String name = "extra-" + i;
        long start = System.nanoTime();
        created.put(name, start);
        client.resource(TestStreams.liveStream(NS, name)).create();
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> podSeen.containsKey(name));
        oneCreate.add(ms(podSeen.get(name) - start));
        long stopAt = System.nanoTime();
        stopped.put(name, stopAt);
        TestStreams.setState(client, NS, name, DesiredState.Stopped);
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(5))
            .until(() -> podGone.containsKey(name));
        oneStop.add(ms(podGone.get(name) - stopAt));
      }
      row(
          "at " + streams + " streams: create → encoder pod, p50",
          Percentiles.of(oneCreate, 50),
          "ms",
          null);
      row(
          "at " + streams + " streams: create → encoder pod, p99",
          Percentiles.of(oneCreate, 99),
          "ms",
          500.0);
      row(
          "at " + streams + " streams: stop → pod deleted, p50",
          Percentiles.of(oneStop, 50),
          "ms",
          null);
      row(
          "at " + streams + " streams: stop → pod deleted, p99",
          Percentiles.of(oneStop, 99),
          "ms",
          500.0);

      // 7. Stop everything at once → pods deleted.
      runAll(
          pool,
          streams,
          i -> {
            stopped.put(name(i), System.nanoTime());
            TestStreams.setState(client, NS, name(i), DesiredState.Stopped);
          });
      await()
          .atMost(Duration.ofMinutes(5))
          .until(() -> podGone.size() >= streams + sizes.oneByOne());
      stopped.keySet().removeIf(k -> k.startsWith("extra-"));
      List<Long> stopLatency = latencies(stopped, podGone);
      row(
          "burst of " + streams + " stops → pod deleted, p50",
          Percentiles.of(stopLatency, 50),
          "ms",
          null);
      row(
          "burst of " + streams + " stops → pod deleted, p99",
          Percentiles.of(stopLatency, 99),
          "ms",
          null);
    } finally {
      pods.close();
      pool.shutdownNow();
      print();
    }
  }

  private long countLive() {
    return client.resources(LiveStream.class).inNamespace(NS).list().getItems().stream()
        .filter(l -> l.getStatus() != null && l.getStatus().phase == LiveStreamPhase.Live)
        .count();
  }

  private SharedIndexInformer<Pod> watchEncoderPods() {
    return client
        .pods()
        .inNamespace(NS)
        .withLabel("app.kubernetes.io/component", "encoder")
        .inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Pod pod) {
                podSeen.putIfAbsent(instance(pod), System.nanoTime());
              }

              @Override
              public void onUpdate(Pod oldPod, Pod newPod) {}

              @Override
              public void onDelete(Pod pod, boolean unknown) {
                if (stopped.containsKey(instance(pod))) {
                  podGone.putIfAbsent(instance(pod), System.nanoTime());
                }
              }
            });
  }

  private void createRestream(int i) {
    int endpoints = 3 + i % 6;
    var secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("keys-" + i)
            .withNamespace(NS)
            .addToLabels(ConsentedObjects.LABEL, "true")
            .endMetadata();
    for (int e = 0; e < endpoints; e++) {
      secret.addToData(
          "k" + e,
          Base64.getEncoder()
              .encodeToString(("key-" + i + "-" + e).getBytes(StandardCharsets.UTF_8)));
    }
    client.resource(secret.build()).create();
    Restream r = new Restream();
    r.getMetadata().setName("rs-" + i);
    r.getMetadata().setNamespace(NS);
    r.setSpec(new RestreamSpec());
    r.getSpec().liveStreamRef = new ObjectRef(name(1 + i % (streams - 1)));
    for (int e = 0; e < endpoints; e++) {
      Endpoint ep = new Endpoint();
      ep.getMetadata().setName("ep-" + i + "-" + e);
      ep.getMetadata().setNamespace(NS);
      ep.setSpec(new EndpointSpec());
      ep.getSpec().platform = Platform.custom;
      ep.getSpec().url = "rtmp://ingest-" + e + ".example.com/app";
      ep.getSpec().streamKeySecretRef = new KeyRef("keys-" + i, "k" + e);
      client.resource(ep).create();
      r.getSpec().endpointRefs.add(new ObjectRef(ep.getMetadata().getName()));
    }
    client.resource(r).create();
  }

  private double reconciles(String kind) {
    var timer = meters.find("onair.reconcile").tag("kind", kind).timer();
    return timer == null ? 0 : timer.count();
  }

  private void drain() {
    server.requests().record(true);
    server.requests().drain();
  }

  private long drainWrites() {
    long writes = 0;
    for (RequestLog.Entry r : server.requests().drain()) {
      if (r.isWrite()) {
        writes++;
        System.out.println("idle write: " + r.method() + " " + r.path());
      }
    }
    return writes;
  }

  private static long rssMiB() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  private static List<Long> latencies(Map<String, Long> start, Map<String, Long> end) {
    return start.entrySet().stream()
        .filter(e -> end.containsKey(e.getKey()))
        .map(e -> ms(end.get(e.getKey()) - e.getValue()))
        .toList();
  }

  private static String instance(Pod pod) {
    return pod.getMetadata().getLabels().get("app.kubernetes.io/instance");
  }

  private static String name(int i) {
    return "stream-" + i;
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private void row(String what, double value, String unit, Double goal) {
    String ratio =
        goal == null
            ? ""
            : goal == 0
                ? (value == 0 ? "met" : "MISSED")
                : String.format("%.2f of goal", value / goal);
    rows.add(
        String.format(
            "| %s | %s %s | %s | %s |",
            what,
            value == Math.floor(value)
                ? String.valueOf((long) value)
                : String.format("%.1f", value),
            unit,
            goal == null ? "" : (goal == 0 ? "0" : "≤ " + goal.longValue() + " " + unit),
            ratio));
  }

  private void print() {
    System.out.println();
    System.out.println(
        "OnAir operator scale benchmark: "
            + streams
            + " LiveStreams, "
            + restreams
            + " Restreams, "
            + Runtime.getRuntime().availableProcessors()
            + " cores");
    System.out.println("| measure | value | goal | ratio |");
    System.out.println("| --- | --- | --- | --- |");
    rows.forEach(System.out::println);
  }

  private interface Body {
    void run(int i) throws Exception;
  }

  private static void runAll(ExecutorService pool, int n, Body body) throws Exception {
    var futures =
        IntStream.range(0, n)
            .mapToObj(
                i ->
                    pool.submit(
                        () -> {
                          body.run(i);
                          return null;
                        }))
            .toList();
    for (var f : futures) {
      f.get();
    }
  }
}
