package dev.onair.relay;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;

/** Turns FFmpeg error codes into messages that never contain a URL. */
final class FfmpegError {
  private FfmpegError() {}

  static String describe(int code) {
    byte[] buffer = new byte[256];
    av_strerror(code, buffer, buffer.length);
    int end = 0;
    while (end < buffer.length && buffer[end] != 0) {
      end++;
    }
    return new String(buffer, 0, end, java.nio.charset.StandardCharsets.UTF_8);
  }

  static IOException io(String what, int code) {
    return new IOException(what + ": " + describe(code));
  }
}
