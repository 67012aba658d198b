package dev.onair.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointSpec;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStreamSpec;
import dev.onair.api.v1alpha1.Platform;
import dev.onair.api.v1alpha1.SourceSpec;
import dev.onair.operator.endpoint.EndpointValidator;
import dev.onair.operator.livestream.LiveStreamValidator;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's own checks of SRT passphrases, for clusters whose API server skips CEL. */
class SrtPassphrasesTest {
  private static final KeyRef REF = new KeyRef("srt", "passphrase");

  @Test
  void aPullSourceUrlCarryingItsPassphraseIsRefusedPointingAtTheSecretField() {
    Problem problem =
        LiveStreamValidator.validateSpec(pull("srt://studio.test:9000?mode=caller&passphrase=x"))
            .orElseThrow();
    assertThat(problem.reason()).isEqualTo("PassphraseInURL");
    assertThat(problem.message())
        .startsWith("spec.source.url: carries passphrase=;")
        .contains("spec.source.passphraseSecretRef");
  }

  @Test
  void aPullPassphraseNeedsAnSrtUrlAndTenTo79Characters() {
    LiveStreamSpec hls = pull("https://cdn.test/live.m3u8");
    hls.source.passphraseSecretRef = REF;
    assertThat(LiveStreamValidator.validateSpec(hls).orElseThrow().message())
        .startsWith("spec.source.passphraseSecretRef: needs an srt:// spec.source.url");

    LiveStreamSpec srt = pull("srt://studio.test:9000");
    srt.source.passphraseSecretRef = REF;
    var tooShort = LiveStreamValidator.validate(srt, secret("short-one"));
    assertThat(tooShort.problem().reason()).isEqualTo("InvalidPassphrase");
    assertThat(tooShort.problem().field()).isEqualTo("spec.source.passphraseSecretRef");
    var fine = LiveStreamValidator.validate(srt, secret("long-enough-passphrase"));
    assertThat(fine.valid()).isTrue();
    assertThat(fine.digests()).containsKey("passphrase");
    assertThat(fine.digests().toString()).doesNotContain("long-enough-passphrase");
  }

  @Test
  void anEndpointPassphraseIsCheckedLikeASourceOneAndRotatingItChangesItsDigest() {
    assertThat(
            EndpointValidator.validate(srtEndpoint("srt://gw.test:9000?passphrase=x", null), none())
                .problem()
                .message())
        .startsWith("spec.url: carries passphrase=;")
        .contains("spec.passphraseSecretRef");
    assertThat(
            EndpointValidator.validate(srtEndpoint("rtmp://gw.test/live", REF), none())
                .problem()
                .message())
        .isEqualTo("spec.passphraseSecretRef: needs an srt:// spec.url");
    var unlabelled = EndpointValidator.validate(srtEndpoint("srt://gw.test:9000", REF), none());
    assertThat(unlabelled.problem().reason()).isEqualTo("SecretNotFound");
    assertThat(unlabelled.problem().message())
        .startsWith("spec.passphraseSecretRef:")
        .contains("kubectl label secret srt streaming.onair.dev/usable=true");
    assertThat(
            EndpointValidator.validate(
                    srtEndpoint("srt://gw.test:9000", REF), secret("x".repeat(80)))
                .problem()
                .reason())
        .isEqualTo("InvalidPassphrase");
    var one =
        EndpointValidator.validate(srtEndpoint("srt://gw.test:9000", REF), secret("first-phrase"));
    var two =
        EndpointValidator.validate(srtEndpoint("srt://gw.test:9000", REF), secret("second-phrase"));
    assertThat(one.usable()).isTrue();
    assertThat(one.passphraseDigest()).isNotEqualTo(two.passphraseDigest()).isNotEmpty();
    assertThat(one.keyDigest()).isEmpty();
  }

  private static LiveStreamSpec pull(String url) {
    LiveStreamSpec spec = new LiveStreamSpec();
    spec.source = new SourceSpec();
    spec.source.url = url;
    return spec;
  }

  private static Endpoint srtEndpoint(String url, KeyRef passphrase) {
    Endpoint e = new Endpoint();
    e.getMetadata().setName("gw");
    e.setSpec(new EndpointSpec());
    e.getSpec().platform = Platform.custom;
    e.getSpec().url = url;
    e.getSpec().passphraseSecretRef = passphrase;
    return e;
  }

  private static KeyedData none() {
    return new KeyedData(n -> Optional.empty(), n -> Optional.empty());
  }

  private static KeyedData secret(String passphrase) {
    Secret s =
        new SecretBuilder()
            .withNewMetadata()
            .withName("srt")
            .endMetadata()
            .withStringData(Map.of("passphrase", passphrase))
            .build();
    return new KeyedData(
        n -> Optional.empty(), n -> n.equals("srt") ? Optional.of(s) : Optional.empty());
  }
}
