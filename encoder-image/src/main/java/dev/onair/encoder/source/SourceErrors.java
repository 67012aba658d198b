package dev.onair.encoder.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;

/** Turns FFmpeg exceptions into a sentence for /status that never contains the URL. */
final class SourceErrors {
  private static final Pattern CODE = Pattern.compile("error (-?\\d+)");

  private SourceErrors() {}

  static String describe(String what, String source, Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Matcher code = CODE.matcher(message);
    String reason;
    if (code.find()) {
      byte[] text = new byte[256];
      avutil.av_strerror(Integer.parseInt(code.group(1)), text, text.length);
      reason = new String(text, 0, strlen(text), java.nio.charset.StandardCharsets.UTF_8);
    } else {
      reason = e.getClass().getSimpleName();
    }
    return what + " " + source + ": " + reason;
  }

  private static int strlen(byte[] text) {
    int n = 0;
    while (n < text.length && text[n] != 0) {
      n++;
    }
    return n;
  }
}
