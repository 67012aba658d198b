package dev.onair.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPodRewriteTest {
  @Test
  void mountPathsBecomeLocalDirectoriesInOnePassLongestFirst() {
    Map<String, Path> mounts =
        Map.of(
            "/tmp", Path.of("/out/pod/volumes/tmp"),
            "/etc/onair/overlay", Path.of("/tmp/sandbox/pod/volumes/overlay"),
            "/etc/onair", Path.of("/out/pod/volumes/etc"));
    assertThat(LocalPod.rewriteMounts("/etc/onair/overlay/overlay.png", mounts))
        .isEqualTo("/tmp/sandbox/pod/volumes/overlay/overlay.png");
    assertThat(LocalPod.rewriteMounts("-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp", mounts))
        .isEqualTo("-Dorg.bytedeco.javacpp.cachedir=/out/pod/volumes/tmp/javacpp");
    assertThat(LocalPod.rewriteMounts("{\"keyFile\":\"/etc/onair/k\"}", mounts))
        .isEqualTo("{\"keyFile\":\"/out/pod/volumes/etc/k\"}");
    // not a path under the mount, and not a URL path
    assertThat(LocalPod.rewriteMounts("/tmpfoo http://h/tmp/x", mounts))
        .isEqualTo("/tmpfoo http://h/tmp/x");
  }

  @Test
  void serviceHostNamesInUrlsBecomeTheServiceAddress() {
    Map<String, String> services = Map.of("news/live-encoder", "127.0.0.9");
    assertThat(LocalPod.rewriteServices("http://live-encoder.news.svc:8080/live.ts", services::get))
        .isEqualTo("http://127.0.0.9:8080/live.ts");
    assertThat(
            LocalPod.rewriteServices(
                "http://live-encoder.news.svc.cluster.local:8080/x", services::get))
        .isEqualTo("http://127.0.0.9:8080/x");
    assertThat(LocalPod.rewriteServices("http://other.news.svc:8080/x", services::get))
        .isEqualTo("http://other.news.svc:8080/x");
  }
}
