package dev.onair.operator;

import dev.onair.api.v1alpha1.DesiredState;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.SourceSpec;
import io.fabric8.kubernetes.client.KubernetesClient;

/** LiveStreams as tests create and change them, the way a user's YAML and kubectl would. */
public final class TestStreams {
  /** The HLS source every test stream pulls (nothing is fetched: the encoder is faked). */
  public static final String SOURCE_URL = "https://cdn.example.com/live/master.m3u8";

  private TestStreams() {}

  /** A minimal LiveStream: an HLS source and the operator's defaults for everything else. */
  public static LiveStream liveStream(String namespace, String name) {
    LiveStream ls = new LiveStream();
    ls.getMetadata().setName(name);
    ls.getMetadata().setNamespace(namespace);
    ls.setSpec(new LiveStreamSpec());
    ls.getSpec().source = new SourceSpec();
    ls.getSpec().source.url = SOURCE_URL;
    return ls;
  }

  /**
   * Sets spec.state like `kubectl edit`, reading again when the operator wrote status meanwhile.
   */
  public static void setState(
      KubernetesClient client, String namespace, String name, DesiredState state) {
    Edits.retryOnConflict(
        () ->
            client
                .resources(LiveStream.class)
                .inNamespace(namespace)
                .withName(name)
                .edit(
                    ls -> {
                      ls.getSpec().state = state;
                      return ls;
                    }));
  }
}
