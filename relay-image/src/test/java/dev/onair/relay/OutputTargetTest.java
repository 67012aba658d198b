package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTargetTest {
  @Test
  void rtmpKeyIsJoinedAsLastPathSegmentAndMaskedForDisplay() {
    OutputTarget target = new OutputTarget("yt", "rtmp://a.rtmp.youtube.com/live2", "abcd-1234");
    assertThat(target.publishUrl()).isEqualTo("rtmp://a.rtmp.youtube.com/live2/abcd-1234");
    assertThat(target.displayUrl()).isEqualTo("rtmp://a.rtmp.youtube.com/live2/****");
    assertThat(target.muxer()).isEqualTo("flv");
    assertThat(target.toString()).doesNotContain("abcd-1234");
  }

  @Test
  void trailingSlashIsNotDoubled() {
    OutputTarget target = new OutputTarget("tw", "rtmps://live.twitch.tv/app/", "live_1_x");
    assertThat(target.publishUrl()).isEqualTo("rtmps://live.twitch.tv/app/live_1_x");
  }

  @Test
  void facebookStyleKeysWithQueryCharactersStayRawForRtmp() {
    OutputTarget target = new OutputTarget("fb", "rtmps://fb.example:443/rtmp", "FB-1?s_bl=1&a=b");
    assertThat(target.publishUrl()).isEqualTo("rtmps://fb.example:443/rtmp/FB-1?s_bl=1&a=b");
  }

  @Test
  void srtKeyBecomesEncodedStreamIdAndOutputIsMpegTs() {
    OutputTarget target = new OutputTarget("own", "srt://ingest.example:9000?latency=200", "a b/c");
    assertThat(target.publishUrl())
        .isEqualTo("srt://ingest.example:9000?latency=200&streamid=a%20b%2Fc");
    assertThat(target.displayUrl())
        .isEqualTo("srt://ingest.example:9000?latency=200&streamid=****");
    assertThat(target.muxer()).isEqualTo("mpegts");
  }

  @Test
  void outputWithoutKeyKeepsItsUrl() {
    OutputTarget target = new OutputTarget("plain", "srt://ingest.example:9000", null);
    assertThat(target.publishUrl()).isEqualTo("srt://ingest.example:9000");
    assertThat(target.displayUrl()).isEqualTo("srt://ingest.example:9000");
  }

  @Test
  void redactorMasksRawAndEncodedKeysAndUserInfo() {
    Redactor redactor = new Redactor(List.of("a b/c", "live_123"));
    assertThat(redactor.redact("Unexpected stream live_123, expecting x"))
        .isEqualTo("Unexpected stream ****, expecting x");
    assertThat(redactor.redact("streamid=a%20b%2Fc and a b/c")).isEqualTo("streamid=**** and ****");
    assertThat(redactor.redact("rtmp://user:pw@host/app")).isEqualTo("rtmp://****@host/app");
    assertThat(redactor.redact(null)).isNull();
  }
}
