package dev.onair.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies a directory of YAML and keeps it applied: a changed file is applied again (create, or
 * update keeping the status), a removed object or file deletes what it had created. {@code ${NAME}}
 * placeholders are filled from the sandbox's variables (source and sink URLs, PNGs).
 */
final class Applier implements AutoCloseable {
  static final String DEFAULT_NAMESPACE = "default";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)\\}");
  private final KubernetesClient client;
  private final Path dir;
  private final Map<String, String> variables;
  private final Consumer<String> log;
  private final Map<Path, String> contents = new LinkedHashMap<>();
  private final Map<Path, List<HasMetadata>> applied = new LinkedHashMap<>();
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "yaml-watcher");
            t.setDaemon(true);
            return t;
          });

  Applier(KubernetesClient client, Path dir, Map<String, String> variables, Consumer<String> log) {
    this.client = client;
    this.dir = dir;
    this.variables = variables;
    this.log = log;
  }

  /** Applies the directory once now, then watches it (every second) until closed. */
  void start() {
    sync();
    watcher.scheduleWithFixedDelay(this::syncQuietly, 1, 1, TimeUnit.SECONDS);
  }

  private void syncQuietly() {
    try {
      sync();
    } catch (RuntimeException e) {
      log.accept("[apply] " + e.getMessage());
    }
  }

  /** Brings the API in line with the directory's files. */
  synchronized void sync() {
    Map<Path, String> now = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        now.put(f, Files.readString(f, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      log.accept("[apply] cannot read " + dir + ": " + e.getMessage());
      return;
    }
    for (var entry : now.entrySet()) {
      if (!entry.getValue().equals(contents.get(entry.getKey()))) {
        contents.put(entry.getKey(), entry.getValue());
        applyFile(entry.getKey(), entry.getValue());
      }
    }
    List<Path> gone = new ArrayList<>(contents.keySet());
    gone.removeAll(now.keySet());
    for (Path f : reverse(gone)) {
      contents.remove(f);
      for (HasMetadata item : reverse(applied.getOrDefault(f, List.of()))) {
        delete(f, item);
      }
      applied.remove(f);
    }
  }

  private void applyFile(Path file, String text) {
    List<HasMetadata> items;
    try {
      items =
          client
              .load(new ByteArrayInputStream(fill(text).getBytes(StandardCharsets.UTF_8)))
              .items();
    } catch (RuntimeException e) {
      log.accept("[apply] " + file.getFileName() + ": not valid YAML: " + e.getMessage());
      return;
    }
    List<HasMetadata> done = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (HasMetadata item : items) {
      if (item == null) {
        continue;
      }
      if (item.getMetadata().getNamespace() == null) {
        item.getMetadata().setNamespace(DEFAULT_NAMESPACE);
      }
      try {
        apply(file, item);
        done.add(item);
        keys.add(key(item));
      } catch (KubernetesClientException e) {
        log.accept("[apply] " + file.getFileName() + ": " + Refusal.describe(e, item));
      }
    }
    for (HasMetadata before : reverse(applied.getOrDefault(file, List.of()))) {
      if (!keys.contains(key(before))) {
        delete(file, before);
      }
    }
    applied.put(file, done);
  }

  private String fill(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void apply(Path file, HasMetadata item) {
    String ns = item.getMetadata().getNamespace();
    if (client.namespaces().withName(ns).get() == null) {
      client
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    HasMetadata existing = client.resource(item).get();
    if (existing == null) {
      client.resource(item).create();
      log.accept("[apply] " + file.getFileName() + ": " + describe(item) + " created");
      return;
    }
    if (sameContent(item, existing)) {
      return;
    }
    item.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
    if (item instanceof GenericKubernetesResource generic
        && existing instanceof GenericKubernetesResource old) {
      Object status = old.getAdditionalProperties().get("status");
      if (status != null) {
        generic.getAdditionalProperties().put("status", status);
      }
    }
    client.resource(item).update();
    log.accept("[apply] " + file.getFileName() + ": " + describe(item) + " configured");
  }

  private static boolean sameContent(HasMetadata desired, HasMetadata actual) {
    JsonNode d = Serialization.jsonMapper().valueToTree(desired);
    JsonNode a = Serialization.jsonMapper().valueToTree(actual);
    for (JsonNode n : List.of(d, a)) {
      ((ObjectNode) n).remove(List.of("metadata", "status"));
    }
    return d.equals(a)
        && Objects.equals(desired.getMetadata().getLabels(), actual.getMetadata().getLabels())
        && Objects.equals(
            desired.getMetadata().getAnnotations(), actual.getMetadata().getAnnotations());
  }

  private void delete(Path file, HasMetadata item) {
    try {
      client.resource(item).delete();
      log.accept("[apply] " + file.getFileName() + ": " + describe(item) + " deleted");
    } catch (KubernetesClientException e) {
      log.accept("[apply] " + describe(item) + " not deleted: " + e.getMessage());
    }
  }

  private static String key(HasMetadata item) {
    return item.getApiVersion()
        + "/"
        + item.getKind()
        + "/"
        + item.getMetadata().getNamespace()
        + "/"
        + item.getMetadata().getName();
  }

  private static String describe(HasMetadata item) {
    return item.getKind().toLowerCase() + "/" + item.getMetadata().getName();
  }

  private static <T> List<T> reverse(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  @Override
  public void close() {
    watcher.shutdownNow();
  }
}
