package dev.onair.api.v1alpha1;

/** Where a Restream is in its life. */
public enum RestreamPhase {
  /** The LiveStream is not on air yet (or stopped): no relay pods until it is. */
  Waiting,
  /** Relay pods exist; outputs are connecting. */
  Starting,
  /** Every output is live. */
  Live,
  /** Some outputs are live, some are failing or unusable. */
  Degraded,
  /** Stopped on purpose (spec.state Stopped): no relay pods. */
  Stopped,
  /** Nothing can be sent: no usable endpoint, or a reference is refused. */
  Failed
}
