package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Keeps output timestamps on one monotonic timeline across input reconnects.
 *
 * <p>A restarted encoder starts its clock anew; endpoints that see time go backwards end the
 * broadcast (YouTube) or start a new VOD (Twitch). Each new input session is therefore shifted so
 * it continues where the last one stopped, plus the wall-clock length of the gap, keeping audio and
 * video in step with real time.
 */
final class TimestampStitcher {
  private static final AVRational MICROS = new AVRational().num(1).den(1_000_000);
  private static final long MIN_STEP_MICROS = 20_000;

  /** A jump larger than this inside one session is a source reset, not a frame step. */
  private static final long DISCONTINUITY_MICROS = 5_000_000;

  private final long[] lastDts = new long[16];
  private boolean anchored;
  private boolean sessionStart = true;
  private long offsetMicros;
  private long lastOutMicros;
  private long lastPacketNanos;

  TimestampStitcher() {
    java.util.Arrays.fill(lastDts, Long.MIN_VALUE);
  }

  /** The next packet starts a new input session. */
  void newSession() {
    sessionStart = true;
  }

  /**
   * Rewrites the packet's pts and dts in place; returns its new dts in microseconds, or {@link
   * Long#MIN_VALUE} when the packet has no timestamp and must be dropped.
   */
  long stitch(AVPacket packet, int track, AVRational timeBase, long nowNanos) {
    long dts = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
    if (dts == AV_NOPTS_VALUE || track >= lastDts.length) {
      return Long.MIN_VALUE;
    }
    long dtsMicros = av_rescale_q(dts, timeBase, MICROS);
    if (!sessionStart && anchored) {
      long candidate = dtsMicros + offsetMicros;
      if (Math.abs(candidate - lastOutMicros) > DISCONTINUITY_MICROS) {
        sessionStart = true;
      }
    }
    if (sessionStart) {
      if (!anchored) {
        offsetMicros = -dtsMicros; // outputs start at zero
        anchored = true;
      } else {
        long gapMicros = Math.max(MIN_STEP_MICROS, (nowNanos - lastPacketNanos) / 1000);
        offsetMicros = lastOutMicros + gapMicros - dtsMicros;
      }
      sessionStart = false;
    }
    long shift = av_rescale_q(offsetMicros, MICROS, timeBase);
    long newDts = dts + shift;
    if (lastDts[track] != Long.MIN_VALUE && newDts <= lastDts[track]) {
      newDts = lastDts[track] + 1;
    }
    long newPts = packet.pts() == AV_NOPTS_VALUE ? newDts : Math.max(packet.pts() + shift, newDts);
    packet.dts(newDts);
    packet.pts(newPts);
    lastDts[track] = newDts;
    long outMicros = av_rescale_q(newDts, timeBase, MICROS);
    lastOutMicros = Math.max(lastOutMicros, outMicros);
    lastPacketNanos = nowNanos;
    return outMicros;
  }
}
