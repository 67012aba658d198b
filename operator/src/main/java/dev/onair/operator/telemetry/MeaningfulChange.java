package dev.onair.operator.telemetry;

/**
 * Whether a number shown in a resource's status moved enough to rewrite the status. Every status
 * write goes to etcd and to every watcher of the kind, so rates that wobble from poll to poll are
 * published as metrics and reach the status only when they move by more than {@link #FRACTION}.
 */
public final class MeaningfulChange {
  /** A move larger than this share of the shown value is worth a status write. */
  public static final double FRACTION = 0.20;

  private MeaningfulChange() {}

  public static boolean moved(Number shown, Number fresh) {
    if (shown == null || fresh == null) {
      return shown != fresh;
    }
    double before = shown.doubleValue();
    double after = fresh.doubleValue();
    if (before == 0) {
      return after != 0;
    }
    return Math.abs(after - before) / Math.abs(before) > FRACTION;
  }
}
