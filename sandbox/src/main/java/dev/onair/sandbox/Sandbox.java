package dev.onair.sandbox;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The OnAir sandbox, a development and test harness (not a production runtime): an in-process
 * Kubernetes API with the CRDs, an embedded PostgreSQL, the real operator as its own JVM, a local
 * pod runner playing the node, a generated HLS test source, three local RTMP servers, and a watched
 * directory of YAML.
 */
public final class Sandbox implements AutoCloseable {
  /** How to run: the repository root, the YAML directory, where output goes, and the live table. */
  public record Options(Path root, Path yamlDir, Path outDir, boolean liveTable) {
    public static Options defaults(Path root) {
      return new Options(
          root, root.resolve("sandbox/scenario"), root.resolve("sandbox/target/sandbox-run"), true);
    }
  }

  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  static final int FPS = 25;
  static final String SCENARIO_NAMESPACE = "sandbox";

  private final Options options;
  private final PrintStream console;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private KubeApi api;
  private EmbeddedDatabase db;
  private OperatorProcess operator;
  private volatile PodRunner pods;
  private TestSource source;
  private final Map<String, RtmpSink> sinks = new LinkedHashMap<>();
  private Applier applier;
  private LiveTable table;
  private Instant appliedAt;
  private final ScheduledExecutorService screen =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "live-table");
            t.setDaemon(true);
            return t;
          });

  private Sandbox(Options options, PrintStream console) {
    this.options = options;
    this.console = console;
  }

  /**
   * Starts everything and applies the YAML directory; throws (after cleaning up) if a part fails.
   */
  public static Sandbox start(Options options, PrintStream console) throws Exception {
    Sandbox sandbox = new Sandbox(options, console);
    try {
      sandbox.startAll();
    } catch (Exception | Error e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  private void startAll() throws Exception {
    Path root = options.root().toAbsolutePath().normalize();
    Path out = options.outDir().toAbsolutePath();
    cleanOutputDir(out, root.resolve("sandbox/target"));
    Files.createDirectories(out.resolve("pods"));
    Program encoder =
        new Program(
            jar(root.resolve("encoder-image/target/onair-encoder.jar")),
            List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xmx512m"));
    Program relay =
        new Program(
            jar(root.resolve("relay-image/target/onair-relay.jar")),
            List.of("-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-Xmx256m"));
    Path operatorJar = jar(root.resolve("operator/target/quarkus-app/quarkus-run.jar"));

    say(
        "starting the Kubernetes API (OnAir's API server stand-in: CRD schemas and CEL rules"
            + " enforced) and installing "
            + root.resolve("crds"));
    api =
        KubeApi.start(
            root.resolve("crds"),
            (namespace, pod, container) ->
                pods == null ? java.util.Optional.empty() : pods.logFile(namespace, pod));
    resources.add(api);
    api.ensureNamespace(Applier.DEFAULT_NAMESPACE);
    // the scenario's namespace, so that a plain `kubectl get ls` shows the sandbox's stream
    Path kubeconfig = api.writeKubeconfig(out.resolve("kubeconfig"), SCENARIO_NAMESPACE);
    say("  API at " + api.url());
    say("  kubectl: export KUBECONFIG=" + kubeconfig + "   (then: kubectl get livestreams)");

    say("starting PostgreSQL (embedded)");
    db = EmbeddedDatabase.start(out.resolve("postgres"));
    resources.add(db);
    say("  " + db.jdbcUrl());

    say(
        "starting the test source (ffmpeg testsrc2 + sine, served as HLS) and three local RTMP servers");
    source =
        TestSource.start(out.resolve("hls"), WIDTH, HEIGHT, FPS, out.resolve("test-source.log"));
    resources.add(source);
    for (String name : List.of("youtube", "twitch", "facebook")) {
      RtmpSink sink = new RtmpSink(name, Graphics.overlayCheck(), Graphics.slateCheck());
      sinks.put(name, sink);
      resources.add(sink);
    }
    say("  source " + source.url());
    sinks.values().forEach(s -> say("  " + s.name + " stand-in " + s.url()));

    int podHttpPort = FreePorts.any();
    Path nativesCache = Path.of(System.getProperty("user.home"), ".javacpp", "cache");
    pods =
        new PodRunner(
            api.client(),
            Map.of(OperatorProcess.ENCODER_IMAGE, encoder, OperatorProcess.RELAY_IMAGE, relay),
            out.resolve("pods"),
            nativesCache);
    pods.start();
    resources.add(pods);

    say("starting the operator (" + operatorJar + ")");
    operator =
        OperatorProcess.start(
            operatorJar,
            api.url(),
            db.jdbcUrl(),
            podHttpPort,
            out.resolve("operator.log"),
            Duration.ofSeconds(90));
    resources.add(operator);
    say(
        "  operator at "
            + operator.url()
            + ", metrics at "
            + operator.managementUrl()
            + "/q/metrics");
    say(
        "  history: curl -H 'Authorization: Bearer "
            + api.adminToken()
            + "' "
            + operator.url()
            + "/api/v1/history");

    table =
        new LiveTable(
            api.client(),
            api.crds().stream().map(PrinterColumns::of).toList(),
            List.copyOf(sinks.values()),
            out.resolve("thumbnails"));
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("SOURCE_URL", source.url());
    variables.put("YOUTUBE_URL", sinks.get("youtube").url());
    variables.put("TWITCH_URL", sinks.get("twitch").url());
    variables.put("FACEBOOK_URL", sinks.get("facebook").url());
    variables.put(
        "OVERLAY_PNG",
        Base64.getEncoder()
            .encodeToString(
                Graphics.png(Graphics.OVERLAY_WIDTH, Graphics.OVERLAY_HEIGHT, Graphics.OVERLAY)));
    variables.put(
        "SLATE_PNG",
        Base64.getEncoder().encodeToString(Graphics.png(WIDTH, HEIGHT, Graphics.SLATE)));
    say("applying and watching " + options.yamlDir().toAbsolutePath());
    applier = new Applier(api.client(), options.yamlDir(), variables, this::say);
    appliedAt = Instant.now();
    applier.start();
    resources.add(applier);
    screen.scheduleWithFixedDelay(this::refresh, 2, 2, TimeUnit.SECONDS);
    say("output (pod logs, thumbnails, operator log) in " + out);
  }

  private String lastScreen = "";

  private void refresh() {
    try {
      table.writeThumbnails();
      if (options.liveTable()) {
        String text = table.render();
        if (System.console() != null) {
          console.print(
              "\033[H\033[2J"
                  + text
                  + "\n(Ctrl-C stops the sandbox and prints the audit history)\n");
        } else if (!text.equals(lastScreen)) {
          console.println(text);
        }
        lastScreen = text;
      }
    } catch (RuntimeException e) {
      // the next refresh tries again
    }
  }

  private void say(String line) {
    console.println("[sandbox] " + line);
  }

  /** The API client (tests). */
  public io.fabric8.kubernetes.client.KubernetesClient client() {
    return api.client();
  }

  Map<String, RtmpSink> sinks() {
    return sinks;
  }

  TestSource source() {
    return source;
  }

  PodRunner pods() {
    return pods;
  }

  EmbeddedDatabase database() {
    return db;
  }

  Instant appliedAt() {
    return appliedAt;
  }

  Path outDir() {
    return options.outDir().toAbsolutePath();
  }

  /** Applies the watched directory now instead of waiting for the next scan. */
  void applyNow() {
    applier.sync();
  }

  /** Stops everything in reverse order; prints the audit history once the operator has stopped. */
  @Override
  public void close() {
    screen.shutdownNow();
    if (applier != null) {
      applier.close();
    }
    if (operator != null) {
      operator.close(); // first, so the teardown of pods is not recorded as failures
    }
    if (pods != null) {
      pods.close();
    }
    if (db != null) {
      try {
        console.println("\n[sandbox] audit history (PostgreSQL, table audit_event):");
        console.println(AuditHistory.format(AuditHistory.read(db)));
      } catch (Exception e) {
        console.println("[sandbox] audit history unavailable: " + e.getMessage());
      }
    }
    List<AutoCloseable> reverse = new ArrayList<>(resources);
    java.util.Collections.reverse(reverse);
    for (AutoCloseable r : reverse) {
      if (r == operator || r == pods || r == applier) {
        continue;
      }
      try {
        r.close();
      } catch (Exception e) {
        console.println(
            "[sandbox] closing " + r.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }

  private static Path jar(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IOException(
          path + " is missing: build it first (sandbox/run builds everything it needs)");
    }
    return path;
  }

  /** Empties the output directory of a previous run; refuses a non-empty directory not ours. */
  private static void cleanOutputDir(Path out, Path buildDir) throws IOException {
    Path marker = out.resolve(".onair-sandbox");
    if (Files.isDirectory(out) && !Files.exists(marker) && !out.startsWith(buildDir)) {
      try (var entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new IOException(
              out + " is not empty and not a sandbox output directory: not touching it");
        }
      }
    }
    deleteTree(out);
    Files.createDirectories(out);
    Files.writeString(marker, "output of the OnAir sandbox; emptied at each start\n");
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Finds the repository root: the onair.root property, or the nearest directory with crds/. */
  static Path root() {
    String property = System.getProperty("onair.root");
    if (property != null) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("crds")) && Files.isDirectory(p.resolve("sandbox"))) {
        return p;
      }
    }
    throw new IllegalStateException("run the sandbox from the OnAir repository (no crds/ found)");
  }

  /** {@code sandbox/run [yaml-dir] [--out dir] [--no-table]}. */
  public static void main(String[] args) throws Exception {
    Options o = Options.defaults(root());
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> o = new Options(o.root(), o.yamlDir(), Path.of(args[++i]), o.liveTable());
        case "--no-table" -> o = new Options(o.root(), o.yamlDir(), o.outDir(), false);
        case "-h", "--help" -> {
          System.out.println("usage: sandbox/run [yaml-dir] [--out dir] [--no-table]");
          return;
        }
        default -> o = new Options(o.root(), Path.of(args[i]), o.outDir(), o.liveTable());
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Sandbox sandbox = start(o, System.out);
    // Our own handlers, not a shutdown hook: the embedded PostgreSQL stops in its own hook, and the
    // audit history must be read before that.
    for (String signal : List.of("INT", "TERM")) {
      sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> stopped.countDown());
    }
    stopped.await();
    sandbox.close();
    System.exit(0);
  }
}
