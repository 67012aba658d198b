package dev.onair.encoder.output;

import dev.onair.encoder.config.EncoderConfig;
import java.io.OutputStream;
import java.nio.Buffer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/** libx264 + AAC into MPEG-TS, written to an output stream; counts frames and samples itself. */
public final class TsEncoder implements AutoCloseable {
  private final FFmpegFrameRecorder recorder;

  private TsEncoder(FFmpegFrameRecorder recorder) {
    this.recorder = recorder;
  }

  public static TsEncoder start(EncoderConfig config, OutputStream out)
      throws FrameRecorder.Exception {
    FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, config.width(), config.height(), 2);
    recorder.setCloseOutputStream(false);
    recorder.setFormat("mpegts");
    // Hand each packet to the readers at once: a quiet slate at a low bitrate would otherwise sit
    // in the muxer's I/O buffer for seconds.
    recorder.setOption("flush_packets", "1");
    recorder.setVideoCodecName("libx264");
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(config.fps());
    recorder.setGopSize(config.gopFrames());
    recorder.setVideoBitrate(config.videoBitrateKbps() * 1000);
    recorder.setVideoOption("preset", config.preset());
    recorder.setVideoOption("profile", config.profile());
    recorder.setVideoOption("maxrate", config.maxrateKbps() + "k");
    recorder.setVideoOption("bufsize", config.bufsizeKbits() + "k");
    // A fixed GOP with scene-cut off: platforms want keyframes at exact, regular intervals.
    String x264 =
        "keyint=" + config.gopFrames() + ":min-keyint=" + config.gopFrames() + ":scenecut=0";
    if (!config.level().isEmpty()) {
      x264 += ":level=" + config.level();
    }
    recorder.setVideoOption("x264-params", x264);
    recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
    recorder.setSampleRate(config.audioSampleRate());
    recorder.setAudioChannels(2);
    recorder.setAudioBitrate(config.audioBitrateKbps() * 1000);
    // start() holds a JVM-wide lock that a listening grabber may also hold for minutes.
    recorder.startUnsafe();
    return new TsEncoder(recorder);
  }

  public void video(Frame picture, int pixelFormat) throws FrameRecorder.Exception {
    recorder.record(picture, pixelFormat);
  }

  public void audio(int sampleRate, int channels, Buffer... samples)
      throws FrameRecorder.Exception {
    recorder.recordSamples(sampleRate, channels, samples);
  }

  /** Flushes the encoders' delayed frames and writes the trailer. */
  @Override
  public void close() throws FrameRecorder.Exception {
    try {
      recorder.stop();
    } finally {
      recorder.release();
    }
  }
}
