package dev.onair.encoder.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Resolves a YouTube live URL to its HLS manifest with the yt-dlp carried in the image. */
public final class YtDlpResolver implements SourceResolver {
  private final String executable;

  public YtDlpResolver(String executable) {
    this.executable = executable;
  }

  @Override
  public String resolve(String url) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(List.of(executable, "--no-warnings", "--quiet", "-f", "best", "-g", url))
            .redirectErrorStream(false)
            .start();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IOException("yt-dlp did not answer within 30 s");
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        throw new IOException("yt-dlp could not resolve the live stream: " + firstLine(err));
      }
      String manifest = firstLine(out);
      if (!manifest.startsWith("http")) {
        throw new IOException("yt-dlp returned no manifest URL");
      }
      return manifest;
    } finally {
      process.destroyForcibly();
    }
  }

  private static String firstLine(String text) {
    String trimmed = text.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline);
  }
}
