package dev.onair.encoder.output;

/**
 * The output frame at which the picture on air last changed between the slate and the source. The
 * encoder and muxer hold a few frames, so when a reader arrives the newest keyframe coming out may
 * still be from before the cut; a reader starts at a keyframe from the cut on, with what is on air
 * when it arrives, never with the slate a source has just replaced.
 */
public final class LastCut {
  private volatile long frame;

  /** The picture on air changes with output frame {@code frame} (counted from 0). */
  public void cutAt(long frame) {
    this.frame = frame;
  }

  /** The output frame of the latest cut; 0 before any. */
  public long frame() {
    return frame;
  }
}
