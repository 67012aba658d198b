package dev.onair.encoder.media;

import dev.onair.encoder.config.OverlaySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameFilter;

/** Composites the overlay PNG onto output-sized YUV420P pictures in an FFmpeg filter graph. */
public final class OverlayFilter implements AutoCloseable {
  private final FFmpegFrameFilter filter;
  private final Path tempCopy;

  private OverlayFilter(FFmpegFrameFilter filter, Path tempCopy) {
    this.filter = filter;
    this.tempCopy = tempCopy;
  }

  /** Builds and starts the graph for pictures of the given size. */
  public static OverlayFilter start(OverlaySettings settings, int width, int height, double fps)
      throws IOException, FrameFilter.Exception {
    Path movie = settings.file();
    Path tempCopy = null;
    if (!isSafeInFilterGraph(movie.toString())) {
      // Filter-graph escaping has two levels; a copy under a plain name avoids both.
      tempCopy = Files.createTempFile("onair-overlay-", ".png");
      Files.copy(movie, tempCopy, StandardCopyOption.REPLACE_EXISTING);
      movie = tempCopy;
    }
    FFmpegFrameFilter filter =
        new FFmpegFrameFilter(graph(settings, movie.toString()), width, height);
    filter.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    filter.setFrameRate(fps);
    filter.startUnsafe();
    return new OverlayFilter(filter, tempCopy);
  }

  static boolean isSafeInFilterGraph(String path) {
    return path.matches("[A-Za-z0-9/._-]+");
  }

  /** The filter graph text: the PNG scaled and faded, then overlaid at the configured corner. */
  static String graph(OverlaySettings settings, String moviePath) {
    StringBuilder overlay = new StringBuilder("movie=").append(moviePath).append(",format=rgba");
    if (settings.scale() != 1.0) {
      overlay.append(
          String.format(Locale.ROOT, ",scale=iw*%.4f:ih*%.4f", settings.scale(), settings.scale()));
    }
    if (settings.opacity() < 1.0) {
      overlay.append(String.format(Locale.ROOT, ",colorchannelmixer=aa=%.4f", settings.opacity()));
    }
    int m = settings.margin();
    String position =
        switch (settings.position()) {
          case TOP_LEFT -> "x=" + m + ":y=" + m;
          case TOP_RIGHT -> "x=main_w-overlay_w-" + m + ":y=" + m;
          case BOTTOM_LEFT -> "x=" + m + ":y=main_h-overlay_h-" + m;
          case BOTTOM_RIGHT -> "x=main_w-overlay_w-" + m + ":y=main_h-overlay_h-" + m;
          case CENTER -> "x=(main_w-overlay_w)/2:y=(main_h-overlay_h)/2";
        };
    return overlay + "[logo];[in][logo]overlay=" + position + ":format=yuv420,format=yuv420p[out]";
  }

  public void push(Frame frame, int pixelFormat) throws FrameFilter.Exception {
    filter.push(frame, pixelFormat);
  }

  public Frame pull() throws FrameFilter.Exception {
    return filter.pull();
  }

  public int pixelFormat() {
    return filter.getPixelFormat();
  }

  @Override
  public void close() throws FrameFilter.Exception {
    try {
      filter.close();
    } finally {
      if (tempCopy != null) {
        try {
          Files.deleteIfExists(tempCopy);
        } catch (IOException e) {
          // A stray temp file is harmless.
        }
      }
    }
  }
}
