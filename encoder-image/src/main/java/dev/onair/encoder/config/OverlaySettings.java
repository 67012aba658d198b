package dev.onair.encoder.config;

import java.nio.file.Path;

/** The overlay PNG and how it is placed. */
public record OverlaySettings(
    Path file, OverlayPosition position, int margin, double scale, double opacity) {}
