package dev.onair.encoder;

import dev.onair.encoder.media.OverlayFilter;
import dev.onair.encoder.media.Thumbnailer;
import dev.onair.encoder.output.LastCut;
import dev.onair.encoder.output.TsEncoder;
import dev.onair.encoder.status.EncoderStatus;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.Frame;

/**
 * The one output timeline. Source pictures and samples are placed on it by their timestamps,
 * relative to where the current source session joined; the slate fills it while the source is gone.
 * Output frame and sample counters only ever advance, so timestamps stay continuous across source
 * loss and return, and audio is padded with silence wherever the source has none.
 */
public final class Program implements AutoCloseable {
  /** How long without a source picture before the slate takes over. */
  static final long SLATE_AFTER_NANOS = 1_000_000_000L;

  private static final long AUDIO_TOLERANCE_US = 40_000;
  private static final long AUDIO_LAG_LIMIT_US = 500_000;
  private static final long JUMP_LIMIT_US = 2_000_000;
  private static final int CHANNELS = 2;

  private final TsEncoder encoder;
  private final OverlayFilter overlay;
  private final Thumbnailer thumbnailer;
  private final EncoderStatus status;
  private final LastCut lastCut;
  private final Frame slate;
  private final double fps;
  private final int sampleRate;
  private final long startNanos = System.nanoTime();
  private final FloatBuffer[] silence;

  private long videoFrames;
  private long audioSamples;
  private double audioFraction;
  private long session = -1;
  private boolean sessionHasAudio;
  private long anchorSourceUs = -1;
  private long anchorOutputUs;
  private long lastSourceNanos;
  private boolean slateOn;
  private long slateStartNanos;
  private long slateStartFrame;
  private boolean closed;

  public Program(
      TsEncoder encoder,
      OverlayFilter overlay,
      Thumbnailer thumbnailer,
      EncoderStatus status,
      LastCut lastCut,
      Frame slate,
      double fps,
      int sampleRate) {
    this.encoder = encoder;
    this.overlay = overlay;
    this.thumbnailer = thumbnailer;
    this.status = status;
    this.lastCut = lastCut;
    this.slate = slate;
    this.fps = fps;
    this.sampleRate = sampleRate;
    int chunk = sampleRate / 50;
    silence = new FloatBuffer[CHANNELS];
    for (int c = 0; c < CHANNELS; c++) {
      silence[c] =
          ByteBuffer.allocateDirect(chunk * Float.BYTES)
              .order(ByteOrder.nativeOrder())
              .asFloatBuffer();
    }
  }

  /** A new source session starts; frames of older sessions are ignored from now on. */
  public synchronized void beginSession(long id, boolean hasAudio) {
    session = id;
    sessionHasAudio = hasAudio;
    anchorSourceUs = -1;
  }

  public synchronized void endSession(long id) {
    if (session == id) {
      session = -1;
      anchorSourceUs = -1;
    }
  }

  /** A decoded, output-sized YUV420P picture of session {@code id}. */
  public synchronized void sourceVideo(long id, Frame picture) throws Exception {
    if (closed || id != session) {
      return;
    }
    long ts = picture.timestamp;
    if (anchorSourceUs < 0) {
      anchor(ts);
    }
    long target = Math.round((anchorOutputUs + ts - anchorSourceUs) * fps / 1e6);
    long jumpFrames = Math.round(JUMP_LIMIT_US * fps / 1e6);
    if (target > videoFrames + jumpFrames || target < videoFrames - jumpFrames) {
      // A discontinuity in the source's clock: rejoin here rather than freeze or burst.
      anchor(ts);
      target = videoFrames;
    }
    if (target < videoFrames) {
      status.frameDropped();
      return;
    }
    if (slateOn) {
      slateOn = false;
      status.slateActive(false);
      // Readers arriving from now on start with the source, not the slate the encoder still holds.
      lastCut.cutAt(videoFrames);
    }
    while (videoFrames <= target) {
      writeVideo(picture, avutil.AV_PIX_FMT_YUV420P);
    }
    long videoUs = outputUs();
    if (!sessionHasAudio) {
      padAudioTo(videoUs);
    } else {
      padAudioTo(videoUs - AUDIO_LAG_LIMIT_US);
    }
    lastSourceNanos = System.nanoTime();
  }

  /** Decoded samples of session {@code id}, in any format the recorder can resample. */
  public synchronized void sourceAudio(long id, Frame samples) throws Exception {
    if (closed || id != session || anchorSourceUs < 0) {
      return;
    }
    long expected =
        Math.round((anchorOutputUs + samples.timestamp - anchorSourceUs) * sampleRate / 1e6);
    long tolerance = AUDIO_TOLERANCE_US * sampleRate / 1_000_000;
    if (audioSamples > expected + tolerance) {
      return;
    }
    if (audioSamples < expected - tolerance) {
      writeSilence(expected - audioSamples);
    }
    int perChannel =
        samples.samples.length > 1
            ? samples.samples[0].remaining()
            : samples.samples[0].remaining() / Math.max(1, samples.audioChannels);
    encoder.audio(samples.sampleRate, samples.audioChannels, samples.samples);
    // The recorder resamples if the rate differs; count in output samples, keeping the fraction.
    audioFraction += perChannel * (double) sampleRate / samples.sampleRate;
    long whole = (long) audioFraction;
    audioFraction -= whole;
    audioSamples += whole;
  }

  /**
   * Called a few times per frame interval: when the source has been silent for a moment, shows the
   * slate and silence up to the present, so the output runs on at real time.
   */
  public synchronized void slateTick() throws Exception {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    long lastPicture = lastSourceNanos == 0 ? startNanos : lastSourceNanos;
    if (!slateOn) {
      if (now - lastPicture < SLATE_AFTER_NANOS && lastSourceNanos != 0) {
        return;
      }
      slateOn = true;
      status.slateActive(true);
      lastCut.cutAt(videoFrames);
      // Fill from the last source picture on, so output time keeps pace with wall time.
      slateStartNanos = lastPicture;
      slateStartFrame = videoFrames;
      anchorSourceUs = -1;
    }
    long target = slateStartFrame + (long) ((now - slateStartNanos) * fps / 1e9);
    while (videoFrames < target) {
      writeVideo(slate, avutil.AV_PIX_FMT_YUV420P);
      padAudioTo(outputUs());
    }
  }

  public synchronized boolean isSlateOn() {
    return slateOn;
  }

  private void anchor(long sourceUs) throws Exception {
    anchorSourceUs = sourceUs;
    anchorOutputUs = outputUs();
    padAudioTo(anchorOutputUs);
  }

  private long outputUs() {
    return Math.round(videoFrames * 1e6 / fps);
  }

  private void writeVideo(Frame picture, int pixelFormat) throws Exception {
    videoFrames++;
    if (overlay == null) {
      encode(picture, pixelFormat);
      return;
    }
    overlay.push(picture, pixelFormat);
    Frame composed;
    while ((composed = overlay.pull()) != null) {
      if (composed.image != null) {
        encode(composed, overlay.pixelFormat());
      }
    }
  }

  private void encode(Frame picture, int pixelFormat) throws Exception {
    encoder.video(picture, pixelFormat);
    status.frameEncoded();
    if (thumbnailer != null) {
      thumbnailer.offer(picture, pixelFormat);
    }
  }

  private void padAudioTo(long outputUs) throws Exception {
    long target = Math.round(outputUs * sampleRate / 1e6);
    if (audioSamples < target) {
      writeSilence(target - audioSamples);
    }
  }

  private void writeSilence(long count) throws Exception {
    long left = count;
    while (left > 0) {
      int n = (int) Math.min(left, silence[0].capacity());
      Buffer[] planes = new Buffer[CHANNELS];
      for (int c = 0; c < CHANNELS; c++) {
        planes[c] = silence[c].duplicate().position(0).limit(n);
      }
      encoder.audio(sampleRate, CHANNELS, planes);
      audioSamples += n;
      left -= n;
    }
  }

  /** Stops taking frames and flushes the encoder. */
  @Override
  public synchronized void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    encoder.close();
  }
}
