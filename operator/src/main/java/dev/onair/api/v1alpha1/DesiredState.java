package dev.onair.api.v1alpha1;

/** Whether a LiveStream or Restream should be on air. */
public enum DesiredState {
  Running,
  Stopped
}
