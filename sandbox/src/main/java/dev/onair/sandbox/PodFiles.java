package dev.onair.sandbox;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Materializes a pod's volumes (configMap, secret, downwardAPI, projected, emptyDir) as files under
 * the pod's directory, and maps the container's mount paths to those directories.
 */
final class PodFiles {
  private static final Pattern FIELD_IN_MAP =
      Pattern.compile("metadata\\.(annotations|labels)\\['([^']+)'\\]");
  private final KubernetesClient client;
  private final Pod pod;
  private final Path root;

  PodFiles(KubernetesClient client, Pod pod, Path root) {
    this.client = client;
    this.pod = pod;
    this.root = root;
  }

  /** Writes every volume; answers mount path → local directory for the first container. */
  Map<String, Path> materialize() throws IOException, NotReadyYet {
    Map<String, Path> volumes = new LinkedHashMap<>();
    for (Volume v : nullToEmpty(pod.getSpec().getVolumes())) {
      Path dir = root.resolve("volumes").resolve(v.getName());
      Files.createDirectories(dir);
      if (v.getConfigMap() != null) {
        writeConfigMap(
            dir,
            v.getConfigMap().getName(),
            v.getConfigMap().getItems(),
            v.getConfigMap().getOptional());
      } else if (v.getSecret() != null) {
        writeSecret(
            dir,
            v.getSecret().getSecretName(),
            v.getSecret().getItems(),
            v.getSecret().getOptional());
      } else if (v.getDownwardAPI() != null) {
        writeDownward(dir, v.getDownwardAPI().getItems());
      } else if (v.getProjected() != null) {
        for (VolumeProjection source : nullToEmpty(v.getProjected().getSources())) {
          if (source.getSecret() != null) {
            writeSecret(
                dir,
                source.getSecret().getName(),
                source.getSecret().getItems(),
                source.getSecret().getOptional());
          } else if (source.getConfigMap() != null) {
            writeConfigMap(
                dir,
                source.getConfigMap().getName(),
                source.getConfigMap().getItems(),
                source.getConfigMap().getOptional());
          } else if (source.getDownwardAPI() != null) {
            writeDownward(dir, source.getDownwardAPI().getItems());
          }
        }
      } else if (v.getEmptyDir() == null) {
        throw new IOException(
            "volume "
                + v.getName()
                + ": only configMap, secret, downwardAPI, projected and emptyDir volumes run locally");
      }
      volumes.put(v.getName(), dir);
    }
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (VolumeMount m : nullToEmpty(pod.getSpec().getContainers().get(0).getVolumeMounts())) {
      Path dir = volumes.get(m.getName());
      if (dir == null) {
        throw new IOException("volume mount " + m.getName() + " names no volume");
      }
      mounts.put(
          m.getMountPath(),
          m.getSubPath() == null || m.getSubPath().isEmpty() ? dir : dir.resolve(m.getSubPath()));
    }
    return mounts;
  }

  private void writeConfigMap(Path dir, String name, List<KeyToPath> items, Boolean optional)
      throws IOException, NotReadyYet {
    ConfigMap map = client.configMaps().inNamespace(namespace()).withName(name).get();
    if (map == null) {
      if (Boolean.TRUE.equals(optional)) {
        return;
      }
      throw new NotReadyYet("configmap " + name + " not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (map.getData() != null) {
      map.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    if (map.getBinaryData() != null) {
      map.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    writeKeys(dir, "configmap " + name, data, items);
  }

  private void writeSecret(Path dir, String name, List<KeyToPath> items, Boolean optional)
      throws IOException, NotReadyYet {
    Secret secret = client.secrets().inNamespace(namespace()).withName(name).get();
    if (secret == null) {
      if (Boolean.TRUE.equals(optional)) {
        return;
      }
      throw new NotReadyYet("secret " + name + " not found");
    }
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    writeKeys(dir, "secret " + name, data, items);
  }

  private static void writeKeys(
      Path dir, String what, Map<String, byte[]> data, List<KeyToPath> items)
      throws IOException, NotReadyYet {
    if (items == null || items.isEmpty()) {
      for (var e : data.entrySet()) {
        write(dir.resolve(e.getKey()), e.getValue());
      }
      return;
    }
    for (KeyToPath item : items) {
      byte[] bytes = data.get(item.getKey());
      if (bytes == null) {
        throw new NotReadyYet(what + " has no key " + item.getKey());
      }
      write(dir.resolve(item.getPath()), bytes);
    }
  }

  private void writeDownward(Path dir, List<DownwardAPIVolumeFile> items) throws IOException {
    for (DownwardAPIVolumeFile item : nullToEmpty(items)) {
      if (item.getFieldRef() == null) {
        throw new IOException("downwardAPI " + item.getPath() + ": only fieldRef runs locally");
      }
      write(
          dir.resolve(item.getPath()),
          field(item.getFieldRef(), null).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The value of a downward-API field of this pod. */
  String field(ObjectFieldSelector selector, String podIp) throws IOException {
    String path = selector.getFieldPath();
    Matcher m = FIELD_IN_MAP.matcher(path);
    if (m.matches()) {
      var map =
          "annotations".equals(m.group(1))
              ? pod.getMetadata().getAnnotations()
              : pod.getMetadata().getLabels();
      return map == null ? "" : map.getOrDefault(m.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> pod.getMetadata().getName();
      case "metadata.namespace" -> namespace();
      case "metadata.uid" -> pod.getMetadata().getUid();
      case "status.podIP" -> podIp == null ? "" : podIp;
      default -> throw new IOException("downward-API field " + path + " is not supported locally");
    };
  }

  /** A key of a ConfigMap or Secret, for env valueFrom. */
  String key(boolean secret, String name, String key) throws NotReadyYet {
    if (secret) {
      Secret s = client.secrets().inNamespace(namespace()).withName(name).get();
      if (s == null || s.getData() == null || !s.getData().containsKey(key)) {
        throw new NotReadyYet("secret " + name + " key " + key + " not found");
      }
      return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
    }
    ConfigMap c = client.configMaps().inNamespace(namespace()).withName(name).get();
    if (c == null || c.getData() == null || !c.getData().containsKey(key)) {
      throw new NotReadyYet("configmap " + name + " key " + key + " not found");
    }
    return c.getData().get(key);
  }

  private String namespace() {
    return pod.getMetadata().getNamespace();
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
