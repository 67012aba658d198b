package dev.onair.encoder.source;

import dev.onair.encoder.config.EncoderConfig;
import dev.onair.encoder.config.SourceKind;
import java.io.IOException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Creates a grabber for the configured source that decodes to output-sized YUV420P and stereo audio
 * at the output rate.
 */
public final class SourceOpener {
  private final EncoderConfig config;
  private final SourceResolver resolver;

  public SourceOpener(EncoderConfig config, SourceResolver resolver) {
    this.config = config;
    this.resolver = resolver;
  }

  /** Where the source is, for messages: never credentials, paths or queries. */
  public String describe() {
    return config.sourceKind() == SourceKind.SRT_PUSH
        ? "SRT listener on port " + config.srtListenPort()
        : Redact.url(config.sourceUrl());
  }

  /** A configured, not yet started grabber; resolving (YouTube) happens here, on every attempt. */
  public FFmpegFrameGrabber create() throws IOException, InterruptedException {
    String url;
    FFmpegFrameGrabber grabber;
    if (config.sourceKind() == SourceKind.SRT_PUSH) {
      url = "srt://" + config.srtListenAddress() + ":" + config.srtListenPort() + "?mode=listener";
      grabber = new FFmpegFrameGrabber(url);
      grabber.setFormat("mpegts");
      config.srtPassphrase().ifPresent(p -> grabber.setOption("passphrase", p));
    } else {
      url = resolver.resolve(config.sourceUrl());
      grabber = new FFmpegFrameGrabber(url);
      // An srt:// pull's passphrase comes from its mounted file, as an option and never in the
      // URL, so it cannot reach a log line or the status document.
      if (isSrt(url)) {
        config.srtPassphrase().ifPresent(p -> grabber.setOption("passphrase", p));
      }
    }
    grabber.setImageWidth(config.width());
    grabber.setImageHeight(config.height());
    grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    // The decoder's own sample format is kept: javacv 1.5.13 corrupts the heap when asked to
    // convert format and channel count together.
    grabber.setSampleRate(config.audioSampleRate());
    grabber.setAudioChannels(2);
    grabber.setVideoOption("threads", "auto");
    // Network reads give up after the stall timeout, so a dead peer cannot block a thread forever.
    String stallMicros = Long.toString(config.stallTimeoutSeconds() * 1_000_000L);
    grabber.setOption("rw_timeout", stallMicros);
    grabber.setOption("ca_file", config.caFile().toString());
    grabber.setOption("tls_verify", "1");
    // A live HLS playlist that stops growing ends the session instead of being polled forever.
    grabber.setOption("m3u8_hold_counters", "3");
    return grabber;
  }

  private static boolean isSrt(String url) {
    return url.regionMatches(true, 0, "srt://", 0, 6);
  }
}
