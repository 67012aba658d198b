package dev.onair.api.v1alpha1;

/** Where a LiveStream is in its life; {@code kubectl get livestreams} shows it first. */
public enum LiveStreamPhase {
  /** The spec is accepted and the encoder pod is being created. */
  Pending,
  /** Running, but the schedule's start time is still ahead: no pod yet. */
  Scheduled,
  /** The encoder pod exists but has not produced output yet. */
  Starting,
  /** The encoder is sending frames from the source. */
  Live,
  /** The encoder is on air with the slate because the source is gone. */
  SourceLost,
  /** Stopped on purpose (spec.state Stopped): no pod. */
  Stopped,
  /** The schedule's stop time or maximum duration was reached: no pod. */
  Completed,
  /** The spec cannot be run or the encoder failed repeatedly: no pod until the spec changes. */
  Failed
}
