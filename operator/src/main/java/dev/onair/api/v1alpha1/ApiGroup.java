package dev.onair.api.v1alpha1;

/** Names shared by every OnAir kind. */
public final class ApiGroup {
  public static final String GROUP = "streaming.onair.dev";
  public static final String VERSION = "v1alpha1";
  public static final String CATEGORY = "streaming";

  private ApiGroup() {}
}
