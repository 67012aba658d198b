package dev.onair.operator.livestream;

import dev.onair.api.v1alpha1.ImageRef;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.OverlaySpec;
import dev.onair.contract.EncoderEnv;
import dev.onair.contract.Mounts;
import dev.onair.contract.PodEnv;
import dev.onair.operator.OnAirConfig;
import dev.onair.operator.common.MediaPods;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The encoder Pod of a LiveStream. Pods are immutable: the name carries a hash of everything the
 * pod is made from (spec and the content of mounted files), so any change yields a new pod.
 */
public final class EncoderPodDependent {
  public static final String COMPONENT = "encoder";
  public static final String CONFIG_HASH_ANNOTATION = "streaming.onair.dev/config-hash";
  static final String CONTAINER = "encoder";

  private EncoderPodDependent() {}

  /** The pod that should run for {@code ls}. */
  public static Pod desired(
      LiveStream ls, EncoderSettings s, Map<String, String> digests, OnAirConfig config) {
    LiveStreamSpec spec = ls.getSpec();
    List<EnvVar> env = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();

    addSource(spec, env, volumes, mounts);
    if (spec.overlay != null) {
      OverlaySpec o = spec.overlay;
      mountImage("overlay", Mounts.OVERLAY_DIR, o.image, Mounts.OVERLAY_FILE_NAME, volumes, mounts);
      env.add(env(EncoderEnv.OVERLAY_FILE, Mounts.OVERLAY_FILE));
      env.add(env(EncoderEnv.OVERLAY_POSITION, EncoderSettings.position(o.position)));
      env.add(env(EncoderEnv.OVERLAY_MARGIN, o.margin == null ? 24 : o.margin));
      env.add(env(EncoderEnv.OVERLAY_SCALE, o.scale == null ? 1.0 : o.scale));
      env.add(env(EncoderEnv.OVERLAY_OPACITY, o.opacity == null ? 1.0 : o.opacity));
    }
    if (spec.slate != null) {
      mountImage(
          "slate", Mounts.SLATE_DIR, spec.slate.image, Mounts.SLATE_FILE_NAME, volumes, mounts);
      env.add(env(EncoderEnv.SLATE_FILE, Mounts.SLATE_FILE));
    }
    env.add(env(PodEnv.HTTP_PORT, config.podHttpPort()));
    env.add(env(EncoderEnv.VIDEO_WIDTH, s.width()));
    env.add(env(EncoderEnv.VIDEO_HEIGHT, s.height()));
    env.add(env(EncoderEnv.VIDEO_FPS, s.fps()));
    env.add(env(EncoderEnv.VIDEO_BITRATE_KBPS, s.bitrateKbps()));
    env.add(env(EncoderEnv.VIDEO_MAXRATE_KBPS, s.maxrateKbps()));
    env.add(env(EncoderEnv.VIDEO_BUFSIZE_KBITS, s.bufsizeKbits()));
    env.add(env(EncoderEnv.VIDEO_PRESET, s.preset()));
    env.add(env(EncoderEnv.VIDEO_PROFILE, s.profile()));
    env.add(env(EncoderEnv.VIDEO_LEVEL, s.level()));
    env.add(env(EncoderEnv.KEYFRAME_SECONDS, s.keyframeSeconds()));
    env.add(env(EncoderEnv.AUDIO_BITRATE_KBPS, s.audioBitrateKbps()));
    env.add(env(EncoderEnv.AUDIO_SAMPLE_RATE, s.audioSampleRate()));
    env.add(env(EncoderEnv.THUMBNAIL_INTERVAL_SECONDS, s.thumbnailIntervalSeconds()));
    env.add(env(EncoderEnv.STALL_TIMEOUT_SECONDS, s.stallTimeoutSeconds()));
    // javacpp unpacks natives on start; the root filesystem is read-only, /tmp is not.
    env.add(env("JAVA_TOOL_OPTIONS", "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp"));
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    mounts.add(mount("tmp", Mounts.TMP_DIR));

    var container =
        MediaPods.container(CONTAINER, config.encoder(), config.podHttpPort())
            .withEnv(env)
            .withResources(spec.resources != null ? spec.resources : EncoderSizing.resources(s))
            .withVolumeMounts(mounts);
    if (spec.source.push != null) {
      container
          .addNewPort()
          .withName("srt")
          .withContainerPort(srtPort(spec))
          .withProtocol("UDP")
          .endPort();
    }

    return MediaPods.pod(
        ls,
        COMPONENT,
        container.build(),
        volumes,
        digests.toString(),
        Map.of(),
        CONFIG_HASH_ANNOTATION);
  }

  static int srtPort(LiveStreamSpec spec) {
    return spec.source.push.port == null ? EncoderSettings.DEFAULT_SRT_PORT : spec.source.push.port;
  }

  private static void addSource(
      LiveStreamSpec spec, List<EnvVar> env, List<Volume> volumes, List<VolumeMount> mounts) {
    if (spec.source.push != null) {
      env.add(env(EncoderEnv.SOURCE_KIND, "srt-push"));
      env.add(env(EncoderEnv.SRT_LISTEN_PORT, srtPort(spec)));
    } else if (spec.source.youtubeUrl != null) {
      env.add(env(EncoderEnv.SOURCE_KIND, "youtube"));
      env.add(env(EncoderEnv.SOURCE_URL, spec.source.youtubeUrl));
    } else {
      env.add(env(EncoderEnv.SOURCE_KIND, "pull"));
      env.add(env(EncoderEnv.SOURCE_URL, spec.source.url));
    }
    KeyRef passphrase = LiveStreamValidator.passphraseRef(spec.source);
    if (passphrase != null) {
      // A file from the Secret, never an env value: env shows in kubectl describe and /proc.
      volumes.add(
          new VolumeBuilder()
              .withName("srt")
              .withNewSecret()
              .withSecretName(passphrase.name)
              .addNewItem()
              .withKey(passphrase.key)
              .withPath(Mounts.SRT_PASSPHRASE_FILE_NAME)
              .endItem()
              .withDefaultMode(0440)
              .endSecret()
              .build());
      mounts.add(mount("srt", Mounts.SRT_DIR));
      env.add(env(EncoderEnv.SRT_PASSPHRASE_FILE, Mounts.SRT_PASSPHRASE_FILE));
    }
  }

  private static void mountImage(
      String name,
      String dir,
      ImageRef ref,
      String file,
      List<Volume> volumes,
      List<VolumeMount> mounts) {
    VolumeBuilder volume = new VolumeBuilder().withName(name);
    if (ref.configMapKeyRef != null) {
      volume
          .withNewConfigMap()
          .withName(ref.configMapKeyRef.name)
          .addNewItem()
          .withKey(ref.configMapKeyRef.key)
          .withPath(file)
          .endItem()
          .endConfigMap();
    } else {
      volume
          .withNewSecret()
          .withSecretName(ref.secretKeyRef.name)
          .addNewItem()
          .withKey(ref.secretKeyRef.key)
          .withPath(file)
          .endItem()
          .withDefaultMode(0440)
          .endSecret();
    }
    volumes.add(volume.build());
    mounts.add(mount(name, dir));
  }

  private static VolumeMount mount(String name, String path) {
    VolumeMount m = new VolumeMount();
    m.setName(name);
    m.setMountPath(path);
    m.setReadOnly(!"tmp".equals(name));
    return m;
  }

  private static EnvVar env(String name, Object value) {
    return new EnvVar(name, String.valueOf(value), null);
  }
}
