package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;

/**
 * Sends FFmpeg's own log lines through {@link Log}, so they are redacted like ours.
 *
 * <p>Without it libavformat writes straight to file descriptor 2, and some of its messages (output
 * dumps, RTMP errors) quote the URL with the key.
 */
final class NativeLogBridge extends LogCallback {
  private static NativeLogBridge instance;

  private NativeLogBridge() {
    // The superclass constructor allocates the native thunk.
  }

  static synchronized void install() {
    if (instance == null) {
      instance = new NativeLogBridge();
      // Warnings and errors only: INFO is where FFmpeg dumps stream layouts with their URLs.
      av_log_set_level(AV_LOG_WARNING);
      setLogCallback(instance);
    }
  }

  @Override
  public void call(int level, BytePointer message) {
    String text = message.getString().strip();
    if (text.isEmpty()) {
      return;
    }
    if (level <= AV_LOG_ERROR) {
      Log.warn("ffmpeg: " + text);
    } else {
      Log.info("ffmpeg: " + text);
    }
  }
}
