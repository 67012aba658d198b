package dev.onair.contract;

/** Environment variables of the encoder image (one pod per LiveStream), besides {@link PodEnv}. */
public final class EncoderEnv {
  /** How the source is reached: {@code pull}, {@code srt-push} or {@code youtube}. */
  public static final String SOURCE_KIND = "ONAIR_SOURCE_KIND";

  /** The source URL for {@code pull} and {@code youtube}. */
  public static final String SOURCE_URL = "ONAIR_SOURCE_URL";

  /** UDP port the {@code srt-push} listener binds; default {@link PodPorts#SRT}. */
  public static final String SRT_LISTEN_PORT = "ONAIR_SRT_LISTEN_PORT";

  /** Address the {@code srt-push} listener binds; default {@code 0.0.0.0}. */
  public static final String SRT_LISTEN_ADDRESS = "ONAIR_SRT_LISTEN_ADDRESS";

  /**
   * File holding the SRT passphrase (a mounted Secret key, {@link Mounts#SRT_PASSPHRASE_FILE}) of
   * an {@code srt-push} listener or an srt:// {@code pull}.
   */
  public static final String SRT_PASSPHRASE_FILE = "ONAIR_SRT_PASSPHRASE_FILE";

  /** PNG composited over the video ({@link Mounts#OVERLAY_FILE}). */
  public static final String OVERLAY_FILE = "ONAIR_OVERLAY_FILE";

  /** Corner of the overlay: {@code top-left}, {@code top-right}, {@code bottom-left}, ... */
  public static final String OVERLAY_POSITION = "ONAIR_OVERLAY_POSITION";

  /** Margin of the overlay from its corner, in output pixels. */
  public static final String OVERLAY_MARGIN = "ONAIR_OVERLAY_MARGIN";

  /** Factor applied to the overlay PNG's own size. */
  public static final String OVERLAY_SCALE = "ONAIR_OVERLAY_SCALE";

  /** Overlay opacity, 0.0 to 1.0, multiplied with the PNG's alpha. */
  public static final String OVERLAY_OPACITY = "ONAIR_OVERLAY_OPACITY";

  /** Image shown while the source is lost ({@link Mounts#SLATE_FILE}); black when unset. */
  public static final String SLATE_FILE = "ONAIR_SLATE_FILE";

  /** Output width in pixels (even). */
  public static final String VIDEO_WIDTH = "ONAIR_VIDEO_WIDTH";

  /** Output height in pixels (even). */
  public static final String VIDEO_HEIGHT = "ONAIR_VIDEO_HEIGHT";

  /** Output frame rate. */
  public static final String VIDEO_FPS = "ONAIR_VIDEO_FPS";

  /** Target video bitrate in kbit/s. */
  public static final String VIDEO_BITRATE_KBPS = "ONAIR_VIDEO_BITRATE_KBPS";

  /** VBV maximum rate in kbit/s. */
  public static final String VIDEO_MAXRATE_KBPS = "ONAIR_VIDEO_MAXRATE_KBPS";

  /** VBV buffer size in kbit. */
  public static final String VIDEO_BUFSIZE_KBITS = "ONAIR_VIDEO_BUFSIZE_KBITS";

  /** x264 preset, e.g. {@code veryfast}. */
  public static final String VIDEO_PRESET = "ONAIR_VIDEO_PRESET";

  /** H.264 profile: {@code baseline}, {@code main} or {@code high}. */
  public static final String VIDEO_PROFILE = "ONAIR_VIDEO_PROFILE";

  /** H.264 level such as {@code 4.1}; empty lets x264 choose. */
  public static final String VIDEO_LEVEL = "ONAIR_VIDEO_LEVEL";

  /** Fixed keyframe interval in seconds. */
  public static final String KEYFRAME_SECONDS = "ONAIR_KEYFRAME_SECONDS";

  /** AAC bitrate in kbit/s. */
  public static final String AUDIO_BITRATE_KBPS = "ONAIR_AUDIO_BITRATE_KBPS";

  /** Audio sample rate: 44100 or 48000. */
  public static final String AUDIO_SAMPLE_RATE = "ONAIR_AUDIO_SAMPLE_RATE";

  /**
   * How often {@code /thumbnail.jpg} is refreshed, in seconds; also how often the operator fetches
   * it.
   */
  public static final String THUMBNAIL_INTERVAL_SECONDS = "ONAIR_THUMBNAIL_INTERVAL_SECONDS";

  /**
   * The refresh interval when {@link #THUMBNAIL_INTERVAL_SECONDS} is unset. Each new thumbnail is a
   * status write to etcd, seen by every watcher of LiveStreams: once a minute keeps a thousand
   * streams near 17 small writes a second.
   */
  public static final int DEFAULT_THUMBNAIL_INTERVAL_SECONDS = 60;

  /** Thumbnail width in pixels, at most {@link #MAX_THUMBNAIL_WIDTH}. */
  public static final String THUMBNAIL_WIDTH = "ONAIR_THUMBNAIL_WIDTH";

  /**
   * The longest side of a thumbnail (its width, or a portrait picture's height): enough to
   * recognise the picture, small enough for a status.
   */
  public static final int MAX_THUMBNAIL_WIDTH = 320;

  /** The largest thumbnail the encoder aims for; it lowers JPEG quality until one fits. */
  public static final int TARGET_THUMBNAIL_BYTES = 8 * 1024;

  /** Thumbnail height in pixels; by default the width's share of the picture's aspect ratio. */
  public static final String THUMBNAIL_HEIGHT = "ONAIR_THUMBNAIL_HEIGHT";

  /** Seconds without a source frame after which the source is reconnected (and the slate shown). */
  public static final String STALL_TIMEOUT_SECONDS = "ONAIR_STALL_TIMEOUT_SECONDS";

  /** {@code false} for benchmarks only: read the source as fast as possible, exit at its end. */
  public static final String REALTIME = "ONAIR_REALTIME";

  private EncoderEnv() {}
}
