package dev.onair.encoder.config;

import java.util.Locale;

/** Where the overlay sits in the output picture. */
public enum OverlayPosition {
  TOP_LEFT,
  TOP_RIGHT,
  BOTTOM_LEFT,
  BOTTOM_RIGHT,
  CENTER;

  static OverlayPosition parse(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
