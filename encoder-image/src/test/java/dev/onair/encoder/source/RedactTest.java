package dev.onair.encoder.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void keepsOnlySchemeHostAndPort() {
    assertThat(Redact.url("rtmp://user:pw@live.example.com:1935/app/stream-key"))
        .isEqualTo("rtmp://live.example.com:1935");
    assertThat(Redact.url("https://manifest.googlevideo.com/api/manifest/hls?sig=abc"))
        .isEqualTo("https://manifest.googlevideo.com");
    assertThat(Redact.url("srt://10.0.0.1:9000?passphrase=secret"))
        .isEqualTo("srt://10.0.0.1:9000");
    assertThat(Redact.url("not a url")).isEqualTo("(source)");
  }
}
