package dev.onair.api.v1alpha1;

/** The service an Endpoint sends to; decides which URL schemes are accepted. */
public enum Platform {
  youtube,
  twitch,
  facebook,
  x,
  custom
}
