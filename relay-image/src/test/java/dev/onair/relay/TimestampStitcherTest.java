package dev.onair.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.junit.jupiter.api.Test;

class TimestampStitcherTest {
  private static final AVRational TS = new AVRational().num(1).den(90_000);
  private static final long SECOND = 1_000_000_000L;

  private final TimestampStitcher stitcher = new TimestampStitcher();

  private long stitch(int track, long dts, long nowNanos) {
    AVPacket packet = av_packet_alloc();
    try {
      packet.dts(dts).pts(dts);
      stitcher.stitch(packet, track, TS, nowNanos);
      return packet.dts();
    } finally {
      av_packet_free(packet);
    }
  }

  @Test
  void firstSessionStartsAtZero() {
    assertThat(stitch(0, 126_000, 0)).isZero();
    assertThat(stitch(0, 129_600, 40_000_000)).isEqualTo(3_600);
  }

  @Test
  void restartedEncoderContinuesAfterTheWallClockGap() {
    stitch(0, 900_000, 0);
    assertThat(stitch(0, 990_000, SECOND)).isEqualTo(90_000); // 1 s in
    stitcher.newSession();
    // The encoder came back 5 s later with its clock at 1.4 s again.
    long resumed = stitch(0, 126_000, 6 * SECOND);
    assertThat(resumed).isEqualTo(90_000 + 5 * 90_000);
    assertThat(stitch(0, 129_600, 6 * SECOND + 40_000_000)).isEqualTo(resumed + 3_600);
  }

  @Test
  void eachTrackStaysStrictlyIncreasing() {
    stitch(0, 0, 0);
    stitch(1, 3_000, 0);
    assertThat(stitch(1, 3_000, 1)).isEqualTo(3_001);
    assertThat(stitch(1, 2_000, 2)).isEqualTo(3_002);
  }

  @Test
  void jumpInsideOneSessionIsTreatedAsAReset() {
    stitch(0, 9_000_000, 0);
    assertThat(stitch(0, 9_003_600, 40_000_000)).isEqualTo(3_600);
    // The source's clock went back 100 s without a reconnect.
    assertThat(stitch(0, 3_600, 80_000_000)).isEqualTo(3_600 + 3_600);
  }
}
