package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayConfigTest {
  @TempDir Path dir;

  private Map<String, String> env(String outputsJson) throws Exception {
    Path outputs = dir.resolve("outputs.json");
    Files.writeString(outputs, outputsJson);
    Map<String, String> env = new HashMap<>();
    env.put("ONAIR_INPUT_URL", "http://encoder:8080/live.ts");
    env.put("ONAIR_OUTPUTS_FILE", outputs.toString());
    return env;
  }

  @Test
  void readsOutputsKeysAndDefaults() throws Exception {
    Path key = dir.resolve("yt");
    Files.writeString(key, "  abcd-1234\n");
    RelayConfig config =
        RelayConfig.fromEnv(
            env(
                "{\"outputs\":[{\"name\":\"yt\",\"url\":\"rtmp://a/live2\",\"keyFile\":\""
                    + key
                    + "\"},{\"name\":\"own\",\"url\":\"srt://b:9000\"}]}"));
    assertThat(config.outputs()).hasSize(2);
    assertThat(config.outputs().get(0).publishUrl()).isEqualTo("rtmp://a/live2/abcd-1234");
    assertThat(config.outputs().get(1).hasKey()).isFalse();
    assertThat(config.reconnectMax()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.inputGap()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.httpBind()).isEqualTo("0.0.0.0");
    assertThat(config.sendBufferKb()).isZero();
    assertThat(config.redactor().redact("x abcd-1234 y")).isEqualTo("x **** y");
  }

  @Test
  void missingInputUrlNamesTheVariable() throws Exception {
    Map<String, String> env = env("{\"outputs\":[{\"name\":\"a\",\"url\":\"rtmp://a/b\"}]}");
    env.remove("ONAIR_INPUT_URL");
    assertThatThrownBy(() -> RelayConfig.fromEnv(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ONAIR_INPUT_URL");
  }

  @Test
  void badNumbersNameTheVariable() throws Exception {
    Map<String, String> env = env("{\"outputs\":[{\"name\":\"a\",\"url\":\"rtmp://a/b\"}]}");
    env.put("ONAIR_RECONNECT_MAX_SECONDS", "soon");
    assertThatThrownBy(() -> RelayConfig.fromEnv(env))
        .hasMessageContaining("ONAIR_RECONNECT_MAX_SECONDS");
  }

  @Test
  void unsupportedSchemeDuplicateNamesAndEmptyKeysAreRejected() throws Exception {
    assertThatThrownBy(
            () -> RelayConfig.fromEnv(env("{\"outputs\":[{\"name\":\"a\",\"url\":\"http://x\"}]}")))
        .hasMessageContaining("scheme 'http'");
    assertThatThrownBy(
            () ->
                RelayConfig.fromEnv(
                    env(
                        "{\"outputs\":[{\"name\":\"a\",\"url\":\"rtmp://x/a\"},"
                            + "{\"name\":\"a\",\"url\":\"rtmp://y/a\"}]}")))
        .hasMessageContaining("appears twice");
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    assertThatThrownBy(
            () ->
                RelayConfig.fromEnv(
                    env(
                        "{\"outputs\":[{\"name\":\"a\",\"url\":\"rtmp://x/a\",\"keyFile\":\""
                            + empty
                            + "\"}]}")))
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> RelayConfig.fromEnv(env("{\"outputs\":[]}")))
        .hasMessageContaining("ONAIR_OUTPUTS_FILE");
    assertThatThrownBy(() -> RelayConfig.fromEnv(env("not json")))
        .hasMessageContaining("ONAIR_OUTPUTS_FILE");
  }

  @Test
  void rtmpsWithoutReadableCaFileNamesTheVariable() throws Exception {
    Map<String, String> env = env("{\"outputs\":[{\"name\":\"a\",\"url\":\"rtmps://x/a\"}]}");
    env.put("ONAIR_CA_FILE", dir.resolve("missing.pem").toString());
    assertThatThrownBy(() -> RelayConfig.fromEnv(env)).hasMessageContaining("ONAIR_CA_FILE");
  }

  @Test
  void anSrtPassphraseFileIsReadKeptOutOfEveryUrlAndRedacted() throws Exception {
    Path passphrase = Files.writeString(dir.resolve("own.pass"), "gateway-secret-0042\n");
    RelayConfig config =
        RelayConfig.fromEnv(
            env(
                "{\"outputs\":[{\"name\":\"own\",\"url\":\"srt://b:9000\",\"passphraseFile\":\""
                    + passphrase
                    + "\"}]}"));
    OutputTarget own = config.outputs().get(0);
    assertThat(own.srtPassphrase()).isEqualTo("gateway-secret-0042");
    assertThat(own.publishUrl()).isEqualTo("srt://b:9000");
    assertThat(own.displayUrl()).isEqualTo("srt://b:9000");
    assertThat(own.toString()).doesNotContain("gateway-secret-0042");
    assertThat(config.redactor().redact("libsrt: bad gateway-secret-0042"))
        .isEqualTo("libsrt: bad ****");
  }

  @Test
  void aPassphraseOutsideSrtOrOfTheWrongLengthIsRefusedWithoutQuotingIt() throws Exception {
    Path good = Files.writeString(dir.resolve("good"), "gateway-secret-0042");
    assertThatThrownBy(
            () ->
                RelayConfig.fromEnv(
                    env(
                        "{\"outputs\":[{\"name\":\"a\",\"url\":\"rtmp://x/a\",\"passphraseFile\":\""
                            + good
                            + "\"}]}")))
        .hasMessageContaining("output 'a' has a passphraseFile but scheme 'rtmp'");
    Path shortOne = Files.writeString(dir.resolve("short"), "tiny-one");
    assertThatThrownBy(
            () ->
                RelayConfig.fromEnv(
                    env(
                        "{\"outputs\":[{\"name\":\"a\",\"url\":\"srt://x:1\",\"passphraseFile\":\""
                            + shortOne
                            + "\"}]}")))
        .hasMessage("passphrase file " + shortOne + " of output 'a' must hold 10 to 79 characters")
        .message()
        .doesNotContain("tiny-one");
  }
}
