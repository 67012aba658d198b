package dev.onair.encoder.source;

/**
 * Holds source frames back until their presentation time (like ffmpeg -re), so files and VOD
 * playlists play at real time; re-anchors when the source's clock jumps or falls far behind.
 */
final class RealTimePacer {
  private static final long REANCHOR_NANOS = 1_000_000_000L;

  private long startNanos = -1;
  private long startUs;

  void await(long timestampUs) throws InterruptedException {
    long now = System.nanoTime();
    if (startNanos < 0) {
      reanchor(now, timestampUs);
      return;
    }
    long wait = startNanos + (timestampUs - startUs) * 1000 - now;
    if (wait > REANCHOR_NANOS || wait < -REANCHOR_NANOS) {
      reanchor(now, timestampUs);
    } else if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  private void reanchor(long now, long timestampUs) {
    startNanos = now;
    startUs = timestampUs;
  }
}
