package dev.onair.operator.restream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.contract.Mounts;
import dev.onair.contract.OutputsFile;
import dev.onair.contract.PodEnv;
import dev.onair.contract.RelayEnv;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.common.MediaPods;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A relay Pod carrying a group of a Restream's outputs. The outputs file reaches the relay through
 * the downward API from the pod's own annotation (URLs only); each stream key and SRT passphrase is
 * projected from its Endpoint's Secret as a file and never appears in env, args or annotations.
 */
public final class RelayPodDependent {
  public static final String COMPONENT = "relay";
  public static final String OUTPUTS_ANNOTATION = "streaming.onair.dev/outputs";
  public static final String ASSIGNMENT_ANNOTATION = "streaming.onair.dev/assignment";
  public static final String CONFIG_HASH_ANNOTATION = "streaming.onair.dev/config-hash";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RelayPodDependent() {}

  public static Pod desired(
      Restream restream, List<OutputConfig> outputs, String inputUrl, OnAirConfig config) {
    List<OutputsFile.Output> files = new ArrayList<>();
    Map<String, String> assignment = new TreeMap<>();
    List<VolumeProjection> keys = new ArrayList<>();
    List<VolumeProjection> passphrases = new ArrayList<>();
    for (OutputConfig o : outputs) {
      String keyFile = o.streamKey() == null ? null : Mounts.streamKeyFile(o.endpoint());
      if (o.streamKey() != null) {
        keys.add(secretFile(o.streamKey(), o.endpoint()));
      }
      String passphraseFile =
          o.passphrase() == null ? null : Mounts.srtPassphraseFile(o.endpoint());
      if (o.passphrase() != null) {
        passphrases.add(secretFile(o.passphrase(), o.endpoint()));
      }
      files.add(new OutputsFile.Output(o.endpoint(), o.url(), keyFile, passphraseFile));
      assignment.put(o.endpoint(), o.configHash());
    }
    String outputsJson = new OutputsFile(files).toJson();

    var container =
        MediaPods.container("relay", config.relay(), config.podHttpPort())
            .withEnv(
                env(PodEnv.HTTP_PORT, String.valueOf(config.podHttpPort())),
                env(RelayEnv.INPUT_URL, inputUrl),
                env(RelayEnv.OUTPUTS_FILE, Mounts.OUTPUTS_FILE),
                env("JAVA_TOOL_OPTIONS", "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"))
            .withResources(RelaySizing.resources(outputs.size()))
            .addToVolumeMounts(
                new VolumeMountBuilder()
                    .withName("outputs")
                    .withMountPath(Mounts.OUTPUTS_DIR)
                    .withReadOnly(true)
                    .build(),
                new VolumeMountBuilder().withName("tmp").withMountPath(Mounts.TMP_DIR).build());
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName("outputs")
            .withNewDownwardAPI()
            .addNewItem()
            .withPath(Mounts.OUTPUTS_FILE_NAME)
            .withNewFieldRef()
            .withFieldPath("metadata.annotations['" + OUTPUTS_ANNOTATION + "']")
            .endFieldRef()
            .endItem()
            .endDownwardAPI()
            .build());
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    if (!keys.isEmpty()) {
      project("stream-keys", keys, Mounts.STREAM_KEYS_DIR, volumes, container);
    }
    if (!passphrases.isEmpty()) {
      project("srt-passphrases", passphrases, Mounts.SRT_PASSPHRASES_DIR, volumes, container);
    }
    return MediaPods.pod(
        restream,
        COMPONENT,
        container.build(),
        volumes,
        outputsJson + assignment,
        Map.of(OUTPUTS_ANNOTATION, outputsJson, ASSIGNMENT_ANNOTATION, json(assignment)),
        CONFIG_HASH_ANNOTATION);
  }

  /** One key of a Secret, projected as the file {@code path}. */
  private static VolumeProjection secretFile(KeyRef ref, String path) {
    return new VolumeProjectionBuilder()
        .withNewSecret()
        .withName(ref.name)
        .addNewItem()
        .withKey(ref.key)
        .withPath(path)
        .endItem()
        .endSecret()
        .build();
  }

  /** A read-only projected volume of Secret files, mounted at {@code dir}. */
  private static void project(
      String name,
      List<VolumeProjection> files,
      String dir,
      List<Volume> volumes,
      ContainerBuilder container) {
    volumes.add(
        new VolumeBuilder()
            .withName(name)
            .withNewProjected()
            .withSources(files)
            .withDefaultMode(0440)
            .endProjected()
            .build());
    container.addToVolumeMounts(
        new VolumeMountBuilder().withName(name).withMountPath(dir).withReadOnly(true).build());
  }

  /** The outputs a relay pod carries, endpoint → config hash, read from its annotation. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> assignment(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ASSIGNMENT_ANNOTATION);
    if (value == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(value, TreeMap.class);
    } catch (JsonProcessingException e) {
      return Map.of(); // not ours or damaged: the planner replaces it
    }
  }

  private static EnvVar env(String name, String value) {
    return new EnvVar(name, value, null);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
