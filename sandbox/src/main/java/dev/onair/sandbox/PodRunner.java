package dev.onair.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Plays the node's part for every Pod in the API: runs each as a local process of the image's jar
 * on its own loopback address, probes it, writes its status back, stops it when the Pod is deleted
 * (SIGTERM, then SIGKILL after the grace period), and collects dependents whose owners are gone.
 */
final class PodRunner implements AutoCloseable {
  private final KubernetesClient client;
  private final Map<String, Program> programs;
  private final Path podsDir;
  private final Path nativesCache;
  private final AddressPool addresses = new AddressPool();
  private final ServiceProxies services;
  private final Map<String, LocalPod> pods = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3);
  private final ExecutorService statusWriter = Executors.newSingleThreadExecutor();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private volatile boolean closing;

  PodRunner(
      KubernetesClient client, Map<String, Program> programs, Path podsDir, Path nativesCache) {
    this.client = client;
    this.programs = programs;
    this.podsDir = podsDir;
    this.nativesCache = nativesCache;
    this.services = new ServiceProxies(addresses, this::pickBackend);
  }

  void start() {
    informers.add(
        client
            .services()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Service s) {
                    services.upsert(s);
                  }

                  @Override
                  public void onUpdate(Service old, Service s) {
                    services.upsert(s);
                  }

                  @Override
                  public void onDelete(Service s, boolean unknown) {
                    services.remove(s);
                  }
                }));
    informers.add(
        client
            .pods()
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    admit(pod);
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {
                    LocalPod local = pods.get(pod.getMetadata().getUid());
                    if (local != null) {
                      local.pod = pod;
                      if (pod.getMetadata().getDeletionTimestamp() != null) {
                        stop(local);
                      }
                    } else {
                      admit(pod);
                    }
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {
                    LocalPod local = pods.get(pod.getMetadata().getUid());
                    if (local != null) {
                      stop(local);
                    }
                  }
                }));
    scheduler.scheduleWithFixedDelay(this::probeAll, 1, 1, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(this::collectGarbage, 2, 2, TimeUnit.SECONDS);
  }

  /** The local pods, for tests and the live table. */
  Collection<LocalPod> pods() {
    return pods.values();
  }

  /** The loopback address of a Service, or null. */
  String serviceAddress(String namespace, String name) {
    return services.addressOf(namespace, name);
  }

  private void admit(Pod pod) {
    if (closing || pod.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    var status = pod.getStatus();
    if (status != null && status.getPhase() != null && !"Pending".equals(status.getPhase())) {
      return; // already run (or finished) by this node
    }
    String uid = pod.getMetadata().getUid();
    pods.computeIfAbsent(
        uid,
        u -> {
          String dirName =
              pod.getMetadata().getNamespace()
                  + "_"
                  + pod.getMetadata().getName()
                  + "_"
                  + u.substring(Math.max(0, u.length() - 8));
          LocalPod local =
              new LocalPod(
                  pod,
                  addresses.allocate(),
                  podsDir.resolve(dirName),
                  podsDir.resolve(dirName + ".log"));
          scheduler.execute(() -> run(local, 0));
          return local;
        });
  }

  /** The log file of the pod's (only) container, for {@code kubectl logs}. */
  java.util.Optional<Path> logFile(String namespace, String name) {
    return pods.values().stream()
        .filter(
            p ->
                namespace.equals(p.pod.getMetadata().getNamespace())
                    && name.equals(p.pod.getMetadata().getName()))
        .map(p -> p.log)
        .filter(java.nio.file.Files::exists)
        .findFirst();
  }

  private void run(LocalPod local, int attempt) {
    if (local.deleted || closing) {
      return;
    }
    String image = local.container().getImage();
    Program program = programs.get(image);
    if (program == null) {
      writeStatus(
          local,
          waiting(
              local,
              "ErrImagePull",
              "image " + image + " is not known to the sandbox; known: " + programs.keySet()));
      return;
    }
    try {
      Files.createDirectories(local.dir);
      ProcessBuilder builder =
          local.prepare(
              new PodFiles(client, local.pod, local.dir),
              program,
              key -> {
                String[] parts = key.split("/", 2);
                return services.addressOf(parts[0], parts[1]);
              },
              nativesCache);
      Files.writeString(
          local.log,
          "[sandbox] "
              + Instant.now()
              + " starting "
              + image
              + " as "
              + program.jar().getFileName()
              + " on "
              + local.ip
              + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
      synchronized (local) {
        if (local.deleted || closing) {
          return;
        }
        local.process = builder.start();
        local.startedAt = Instant.now();
        local.ready = false;
        local.livenessFailures = 0;
      }
      Process process = local.process;
      process.onExit().thenAccept(p -> exited(local, p));
      writeStatus(local, running(local));
    } catch (NotReadyYet e) {
      if (attempt % 10 == 0) {
        writeStatus(local, waiting(local, "ContainerCreating", e.getMessage()));
      }
      scheduler.schedule(() -> run(local, attempt + 1), 1, TimeUnit.SECONDS);
    } catch (IOException | RuntimeException e) {
      writeStatus(local, waiting(local, "CreateContainerError", String.valueOf(e.getMessage())));
    }
  }

  private void exited(LocalPod local, Process process) {
    if (local.deleted || closing) {
      return;
    }
    int code = process.exitValue();
    String policy = local.pod.getSpec().getRestartPolicy();
    boolean restart = "Always".equals(policy) || "OnFailure".equals(policy) && code != 0;
    if (restart) {
      local.restarts++;
      writeStatus(local, terminated(local, code, "Running"));
      scheduler.schedule(() -> run(local, 0), Math.min(10, local.restarts), TimeUnit.SECONDS);
    } else {
      writeStatus(local, terminated(local, code, code == 0 ? "Succeeded" : "Failed"));
    }
  }

  /** SIGTERM now, SIGKILL after the pod's grace period; the address is freed once it has exited. */
  private void stop(LocalPod local) {
    Process process;
    synchronized (local) {
      if (local.deleted) {
        return;
      }
      local.deleted = true;
      process = local.process;
    }
    if (process != null && process.isAlive()) {
      terminate(process, local.graceSeconds());
      process.onExit().thenRun(() -> forget(local));
    } else {
      forget(local);
    }
  }

  /** SIGTERM, and SIGKILL if the process is still alive after the grace period. */
  private void terminate(Process process, long graceSeconds) {
    process.destroy();
    scheduler.schedule(
        () -> {
          if (process.isAlive()) {
            process.destroyForcibly();
          }
        },
        graceSeconds,
        TimeUnit.SECONDS);
  }

  private void forget(LocalPod local) {
    pods.remove(local.uid);
    addresses.release(local.ip);
    deleteTree(local.dir.resolve("volumes")); // stream keys never outlive the pod on disk
  }

  /**
   * Readiness from /readyz (or whatever the probe names); liveness kills a container that fails.
   */
  private void probeAll() {
    long now = System.nanoTime();
    for (LocalPod local : pods.values()) {
      Process process = local.process;
      if (local.deleted || process == null || !process.isAlive()) {
        continue;
      }
      Probe readiness = local.readiness();
      if (readiness != null && due(now, local.lastReadinessCheck, readiness)) {
        local.lastReadinessCheck = now;
        boolean ok = probe(local, readiness);
        if (ok != local.ready && process.isAlive()) {
          local.ready = ok;
          writeStatus(local, running(local));
        }
      } else if (readiness == null && !local.ready) {
        local.ready = true;
        writeStatus(local, running(local));
      }
      Probe liveness = local.liveness();
      long sinceStart = Duration.between(local.startedAt, Instant.now()).toSeconds();
      if (liveness != null
          && sinceStart >= orDefault(liveness.getInitialDelaySeconds(), 0)
          && due(now, local.lastLivenessCheck, liveness)) {
        local.lastLivenessCheck = now;
        if (probe(local, liveness)) {
          local.livenessFailures = 0;
        } else if (++local.livenessFailures >= orDefault(liveness.getFailureThreshold(), 3)) {
          appendLog(
              local,
              "[sandbox] liveness probe failed "
                  + local.livenessFailures
                  + " times: killing the container");
          terminate(process, local.graceSeconds());
        }
      }
    }
  }

  private static boolean due(long now, long last, Probe probe) {
    return last == 0
        || now - last >= TimeUnit.SECONDS.toNanos(orDefault(probe.getPeriodSeconds(), 10));
  }

  private boolean probe(LocalPod local, Probe probe) {
    if (probe.getHttpGet() == null) {
      return true;
    }
    int port = local.port(probe.getHttpGet().getPort());
    String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + local.ip + ":" + port + path))
                  .timeout(Duration.ofSeconds(orDefault(probe.getTimeoutSeconds(), 1)))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() >= 200 && response.statusCode() < 400;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<InetSocketAddress> pickBackend(
      String namespace, Map<String, String> selector, ServicePort port) {
    if (selector == null || selector.isEmpty()) {
      return Optional.empty();
    }
    return pods.values().stream()
        .filter(p -> !p.deleted && p.ready && namespace.equals(p.namespace))
        .filter(
            p ->
                p.pod.getMetadata().getLabels() != null
                    && p.pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
        .map(p -> new InetSocketAddress(p.ip, targetPort(p, port)))
        .filter(a -> a.getPort() > 0)
        .findFirst();
  }

  private static int targetPort(LocalPod local, ServicePort port) {
    return port.getTargetPort() == null ? port.getPort() : local.port(port.getTargetPort());
  }

  /** Plays the garbage collector: deletes pods and Services all of whose owners are gone. */
  private void collectGarbage() {
    if (closing) {
      return;
    }
    try {
      Map<String, Boolean> owners = new HashMap<>();
      List<HasMetadata> dependents = new ArrayList<>();
      dependents.addAll(client.pods().inAnyNamespace().list().getItems());
      dependents.addAll(client.services().inAnyNamespace().list().getItems());
      for (HasMetadata d : dependents) {
        List<OwnerReference> refs = d.getMetadata().getOwnerReferences();
        if (refs == null || refs.isEmpty()) {
          continue;
        }
        boolean anyAlive = false;
        for (OwnerReference ref : refs) {
          String ns = d.getMetadata().getNamespace();
          anyAlive |=
              owners.computeIfAbsent(
                  ref.getUid(),
                  uid -> {
                    GenericKubernetesResource owner =
                        client
                            .genericKubernetesResources(ref.getApiVersion(), ref.getKind())
                            .inNamespace(ns)
                            .withName(ref.getName())
                            .get();
                    return owner != null && uid.equals(owner.getMetadata().getUid());
                  });
        }
        if (!anyAlive) {
          client.resource(d).delete();
        }
      }
    } catch (KubernetesClientException e) {
      // try again at the next sweep
    }
  }

  private PodStatus running(LocalPod local) {
    String ready = local.ready ? "True" : "False";
    return base(local)
        .withPhase("Running")
        .withConditions(
            condition("PodScheduled", "True"),
            condition("Initialized", "True"),
            condition("ContainersReady", ready),
            condition("Ready", ready))
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(local.container().getName())
                .withImage(local.container().getImage())
                .withImageID("sandbox://" + local.container().getImage())
                .withContainerID("sandbox://" + local.process.pid())
                .withReady(local.ready)
                .withStarted(true)
                .withRestartCount(local.restarts)
                .withNewState()
                .withNewRunning(local.startedAt.truncatedTo(ChronoUnit.SECONDS).toString())
                .endState()
                .build())
        .build();
  }

  private PodStatus terminated(LocalPod local, int code, String phase) {
    String policy = local.container().getTerminationMessagePolicy();
    String message = code != 0 && "FallbackToLogsOnError".equals(policy) ? local.logTail() : null;
    return base(local)
        .withPhase(phase)
        .withConditions(
            condition("PodScheduled", "True"),
            condition("Initialized", "True"),
            condition("ContainersReady", "False"),
            condition("Ready", "False"))
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(local.container().getName())
                .withImage(local.container().getImage())
                .withImageID("sandbox://" + local.container().getImage())
                .withReady(false)
                .withStarted(false)
                .withRestartCount(local.restarts)
                .withNewState()
                .withNewTerminated()
                .withExitCode(code)
                .withReason(code == 0 ? "Completed" : "Error")
                .withMessage(message)
                .withStartedAt(local.startedAt.truncatedTo(ChronoUnit.SECONDS).toString())
                .withFinishedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .endTerminated()
                .endState()
                .build())
        .build();
  }

  private PodStatus waiting(LocalPod local, String reason, String message) {
    return base(local)
        .withPhase("Pending")
        .withConditions(condition("PodScheduled", "True"), condition("Ready", "False"))
        .withContainerStatuses(
            new ContainerStatusBuilder()
                .withName(local.container().getName())
                .withImage(local.container().getImage())
                .withReady(false)
                .withRestartCount(local.restarts)
                .withNewState()
                .withNewWaiting(message, reason)
                .endState()
                .build())
        .build();
  }

  private static PodStatusBuilder base(LocalPod local) {
    return new PodStatusBuilder()
        .withHostIP("127.0.0.1")
        .withPodIP(local.ip)
        .withPodIPs(new PodIP(local.ip))
        .withStartTime(local.createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  private static PodCondition condition(String type, String status) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
  }

  private void writeStatus(LocalPod local, PodStatus status) {
    statusWriter.execute(
        () -> {
          for (int attempt = 0; attempt < 5 && !local.deleted; attempt++) {
            try {
              Pod fresh = client.pods().inNamespace(local.namespace).withName(local.name).get();
              if (fresh == null || !local.uid.equals(fresh.getMetadata().getUid())) {
                return;
              }
              fresh.setStatus(status);
              client.resource(fresh).updateStatus();
              return;
            } catch (KubernetesClientException e) {
              if (e.getCode() != 409) {
                appendLog(local, "[sandbox] cannot write pod status: " + e.getMessage());
                return;
              }
            }
          }
        });
  }

  private static void appendLog(LocalPod local, String line) {
    try {
      Files.writeString(
          local.log,
          line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the log is best effort
    }
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  /** Stops every pod (SIGTERM, SIGKILL after 5 s at most) and the informers. */
  @Override
  public void close() {
    closing = true;
    informers.forEach(SharedIndexInformer::close);
    List<Process> running = new ArrayList<>();
    for (LocalPod local : pods.values()) {
      local.deleted = true;
      Process p = local.process;
      if (p != null && p.isAlive()) {
        p.destroy();
        running.add(p);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Process p : running) {
      try {
        if (!p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    services.close();
    scheduler.shutdownNow();
    statusWriter.shutdown();
    try {
      statusWriter.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
