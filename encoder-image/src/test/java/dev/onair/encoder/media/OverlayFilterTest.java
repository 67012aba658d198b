package dev.onair.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onair.encoder.config.OverlayPosition;
import dev.onair.encoder.config.OverlaySettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OverlayFilterTest {
  private static String graph(OverlayPosition position, double scale, double opacity) {
    return OverlayFilter.graph(
        new OverlaySettings(Path.of("/o.png"), position, 24, scale, opacity), "/o.png");
  }

  @Test
  void placesTheLogoAtEachCornerWithTheMargin() {
    assertThat(graph(OverlayPosition.TOP_LEFT, 1, 1)).contains("overlay=x=24:y=24");
    assertThat(graph(OverlayPosition.TOP_RIGHT, 1, 1))
        .contains("overlay=x=main_w-overlay_w-24:y=24");
    assertThat(graph(OverlayPosition.BOTTOM_LEFT, 1, 1))
        .contains("overlay=x=24:y=main_h-overlay_h-24");
    assertThat(graph(OverlayPosition.BOTTOM_RIGHT, 1, 1))
        .contains("overlay=x=main_w-overlay_w-24:y=main_h-overlay_h-24");
    assertThat(graph(OverlayPosition.CENTER, 1, 1))
        .contains("overlay=x=(main_w-overlay_w)/2:y=(main_h-overlay_h)/2");
  }

  @Test
  void scalesAndFadesOnlyWhenAsked() {
    assertThat(graph(OverlayPosition.TOP_LEFT, 1, 1))
        .startsWith("movie=/o.png,format=rgba[logo]")
        .doesNotContain("scale", "colorchannelmixer");
    assertThat(graph(OverlayPosition.TOP_LEFT, 0.5, 0.25))
        .contains("scale=iw*0.5000:ih*0.5000")
        .contains("colorchannelmixer=aa=0.2500");
  }

  @Test
  void pathsThatNeedFilterGraphEscapingAreCopiedInstead() {
    assertThat(OverlayFilter.isSafeInFilterGraph("/etc/onair/overlay/overlay.png")).isTrue();
    assertThat(OverlayFilter.isSafeInFilterGraph("/tmp/a,b[1].png")).isFalse();
    assertThat(OverlayFilter.isSafeInFilterGraph("/tmp/it's.png")).isFalse();
  }
}
