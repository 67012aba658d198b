package dev.onair.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputsFileTest {
  private static final OutputsFile TWO_OUTPUTS =
      new OutputsFile(
          List.of(
              new OutputsFile.Output(
                  "youtube-main",
                  "rtmp://a.rtmp.youtube.com/live2",
                  Mounts.streamKeyFile("youtube-main")),
              new OutputsFile.Output("own-server", "srt://ingest.example.com:9000", null)));

  @Test
  void theOperatorWritesCompactJsonWithKeyFileOnlyWhenSet() {
    // Pod names hash this text: it must stay byte for byte what the operator has always written.
    assertThat(TWO_OUTPUTS.toJson())
        .isEqualTo(
            "{\"outputs\":[{\"name\":\"youtube-main\",\"url\":\"rtmp://a.rtmp.youtube.com/live2\","
                + "\"keyFile\":\"/var/run/secrets/onair/keys/youtube-main\"},"
                + "{\"name\":\"own-server\",\"url\":\"srt://ingest.example.com:9000\"}]}");
  }

  @Test
  void whatTheOperatorWritesTheRelayReadsBack() throws Exception {
    assertThat(OutputsFile.parse(TWO_OUTPUTS.toJson(), "outputs.json")).isEqualTo(TWO_OUTPUTS);
  }

  @Test
  void anSrtPassphraseTravelsAsAFilePathThatTheRelayReadsBack() throws Exception {
    OutputsFile file =
        new OutputsFile(
            List.of(
                new OutputsFile.Output(
                    "own-server",
                    "srt://ingest.example.com:9000",
                    null,
                    Mounts.srtPassphraseFile("own-server"))));
    assertThat(file.toJson())
        .isEqualTo(
            "{\"outputs\":[{\"name\":\"own-server\",\"url\":\"srt://ingest.example.com:9000\","
                + "\"passphraseFile\":\"/var/run/secrets/onair/srt-passphrases/own-server\"}]}");
    assertThat(OutputsFile.parse(file.toJson(), "outputs.json")).isEqualTo(file);
  }

  @Test
  void valuesAreTrimmedUnknownFieldsIgnoredAndBlankKeyFilesMissing() throws Exception {
    OutputsFile file =
        OutputsFile.parse(
            "{\"outputs\":[{\"name\":\" a \",\"url\":\"rtmp://x/live \",\"keyFile\":\"  \","
                + "\"weight\":3}],\"comment\":\"ignored\"}",
            "f");
    assertThat(file.outputs()).containsExactly(new OutputsFile.Output("a", "rtmp://x/live", null));
  }

  @Test
  void brokenFilesAreRefusedNamingTheFileAndNeverQuotingIt() {
    assertThatThrownBy(() -> OutputsFile.parse("{\"outputs\": [ {\"name\": \"s3cr3t", "/o.json"))
        .isInstanceOf(OutputsFile.Invalid.class)
        .hasMessageStartingWith("cannot read /o.json as JSON (")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> OutputsFile.parse("{\"outputs\":[]}", "/o.json"))
        .hasMessage("/o.json has no \"outputs\" array");
    assertThatThrownBy(() -> OutputsFile.parse("[]", "/o.json"))
        .hasMessage("/o.json has no \"outputs\" array");
    assertThatThrownBy(() -> OutputsFile.parse("{\"outputs\":[{\"name\":\"a\"}]}", "/o.json"))
        .hasMessage("every output in /o.json needs \"name\" and \"url\"");
    assertThatThrownBy(
            () ->
                OutputsFile.parse(
                    "{\"outputs\":[{\"name\":\"a\",\"url\":\"rtmp://x/a\"},"
                        + "{\"name\":\"a\",\"url\":\"rtmp://y/a\"}]}",
                    "/o.json"))
        .hasMessage("output name 'a' appears twice");
  }

  @Test
  void theKeyFileOfAnEndpointLiesInTheProjectedKeysDirectory() {
    assertThat(Mounts.streamKeyFile("yt")).isEqualTo(Mounts.STREAM_KEYS_DIR + "/yt");
    assertThat(Mounts.OUTPUTS_FILE).isEqualTo("/etc/onair/relay/outputs.json");
  }
}
