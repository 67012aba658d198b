package dev.onair.sandbox;

import dev.onair.contract.PodEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One pod run as a local process: its address, files, environment and process. */
final class LocalPod {
  private static final Pattern SERVICE_HOST =
      Pattern.compile(
          "(?<=://)([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.svc(\\.cluster\\.local)?(?=[:/]|$)");

  final String uid;
  final String namespace;
  final String name;
  final String ip;
  final Path dir;
  final Path log;
  final Instant createdAt = Instant.now();
  volatile Pod pod;
  volatile Process process;
  volatile Instant startedAt;
  volatile boolean deleted;
  volatile boolean ready;
  volatile int restarts;
  volatile int livenessFailures;
  volatile long lastReadinessCheck;
  volatile long lastLivenessCheck;

  LocalPod(Pod pod, String ip, Path dir, Path log) {
    this.pod = pod;
    this.uid = pod.getMetadata().getUid();
    this.namespace = pod.getMetadata().getNamespace();
    this.name = pod.getMetadata().getName();
    this.ip = ip;
    this.dir = dir;
    this.log = log;
  }

  Container container() {
    return pod.getSpec().getContainers().get(0);
  }

  /** The port a probe or Service target port names, resolved against the container's ports. */
  int port(io.fabric8.kubernetes.api.model.IntOrString port) {
    if (port == null) {
      return -1;
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container().getPorts() == null
        ? -1
        : container().getPorts().stream()
            .filter(p -> port.getStrVal().equals(p.getName()))
            .map(p -> p.getContainerPort())
            .findFirst()
            .orElse(-1);
  }

  Probe readiness() {
    return container().getReadinessProbe();
  }

  Probe liveness() {
    return container().getLivenessProbe();
  }

  long graceSeconds() {
    Long g = pod.getSpec().getTerminationGracePeriodSeconds();
    return g == null ? 30 : g;
  }

  /**
   * Builds the process: materialized volumes, the container's env with mount paths and Service host
   * names rewritten to their local counterparts, and the HTTP bind address set to the pod IP.
   */
  ProcessBuilder prepare(
      PodFiles files, Program program, Function<String, String> serviceAddress, Path nativesCache)
      throws IOException, NotReadyYet {
    Map<String, Path> mounts = files.materialize();
    Function<String, String> rewrite =
        text -> rewriteServices(rewriteMounts(text, mounts), serviceAddress);
    for (Path mountDir : mounts.values()) {
      if (Files.isDirectory(mountDir)) {
        try (Stream<Path> walk = Files.walk(mountDir)) {
          for (Path f : walk.filter(p -> p.toString().endsWith(".json")).toList()) {
            Files.writeString(f, rewrite.apply(Files.readString(f, StandardCharsets.UTF_8)));
          }
        }
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar e : container().getEnv() == null ? List.<EnvVar>of() : container().getEnv()) {
      String value = e.getValue();
      if (e.getValueFrom() != null) {
        var from = e.getValueFrom();
        if (from.getFieldRef() != null) {
          value = files.field(from.getFieldRef(), ip);
        } else if (from.getSecretKeyRef() != null) {
          value =
              files.key(true, from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey());
        } else if (from.getConfigMapKeyRef() != null) {
          value =
              files.key(
                  false, from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef().getKey());
        }
      }
      String local = rewrite.apply(value == null ? "" : value);
      Matcher unresolved = SERVICE_HOST.matcher(local);
      if (unresolved.find()) {
        throw new NotReadyYet("service " + unresolved.group() + " not found");
      }
      env.put(e.getName(), local);
    }
    // The pod's own network: both images bind their HTTP server to the pod IP.
    env.put(PodEnv.HTTP_BIND, ip);
    env.put("HOSTNAME", name);

    List<String> command = new ArrayList<>();
    command.add(javaBin());
    command.addAll(program.jvmOptions());
    // Like natives baked into the image: one shared unpacked copy instead of one per pod.
    command.add("-Dorg.bytedeco.javacpp.cachedir=" + nativesCache);
    command.add("-jar");
    command.add(program.jar().toAbsolutePath().toString());
    if (container().getArgs() != null) {
      container().getArgs().forEach(a -> command.add(rewrite.apply(a)));
    }
    Path workDir = dir.resolve("workdir");
    Files.createDirectories(workDir);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> processEnv = builder.environment();
    processEnv.keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER"));
    processEnv.putAll(env);
    return builder;
  }

  /** Replaces mount paths (longest first, in one pass) with their local directories. */
  static String rewriteMounts(String text, Map<String, Path> mounts) {
    if (mounts.isEmpty()) {
      return text;
    }
    List<String> paths = new ArrayList<>(mounts.keySet());
    paths.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alternatives = new StringBuilder();
    for (String mountPath : paths) {
      alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(mountPath));
    }
    Matcher m =
        Pattern.compile("(?<![\\w.:/])(" + alternatives + ")(?=/|$|[\\s\"',;])").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out, Matcher.quoteReplacement(mounts.get(m.group(1)).toAbsolutePath().toString()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Replaces {@code <service>.<namespace>.svc} host names in URLs with the Service's address. */
  static String rewriteServices(String text, Function<String, String> serviceAddress) {
    Matcher m = SERVICE_HOST.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String address = serviceAddress.apply(m.group(3) + "/" + m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(address == null ? m.group() : address));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The last lines of the container log, as the kubelet's FallbackToLogsOnError reports them. */
  String logTail() {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(2048, length);
      byte[] bytes = new byte[size];
      file.seek(length - size);
      file.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      String[] lines = text.split("\n");
      int from = Math.max(0, lines.length - 80);
      return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)).strip();
    } catch (IOException e) {
      return "";
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
