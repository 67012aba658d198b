package dev.onair.testmedia;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipes produce the media their callers count on, read back by the same bundled CLI. */
class GeneratedMediaIT {
  @TempDir Path dir;

  @Test
  void smallTsIsH264At320x180And25FpsWithStereoAacAndIsMadeOncePerDirectory() throws Exception {
    Path clip = TestClips.smallTs(dir, 2);
    FileTime made = Files.getLastModifiedTime(clip);

    String info = streamInfo(clip);
    assertThat(info)
        .contains("Duration: 00:00:02")
        .containsPattern("Video: h264 .*320x180.* 25 fps")
        .containsPattern("Audio: aac .*48000 Hz, stereo");
    assertThat(TestClips.smallTs(dir, 2)).isEqualTo(clip);
    assertThat(Files.getLastModifiedTime(clip)).isEqualTo(made);
  }

  @Test
  void encoderOutputTsHasTheAskedSizeAt30FpsWithMonoAac() throws Exception {
    Path clip = TestClips.encoderOutputTs(dir.resolve("feed.ts"), 640, 360, 2);

    assertThat(streamInfo(clip))
        .containsPattern("Video: h264 .*640x360.* 30 fps")
        .containsPattern("Audio: aac .*48000 Hz, mono");
  }

  @Test
  void hlsClipIsAVodPlaylistOfTwoSecondSegmentsWithMonoAudio() throws Exception {
    Path playlist = TestClips.hlsClip(dir, "0x3050C8", 320, 180, 30, 4, true);

    List<String> lines = Files.readAllLines(playlist);
    assertThat(lines).contains("#EXT-X-PLAYLIST-TYPE:VOD", "#EXT-X-ENDLIST");
    assertThat(lines.stream().filter(line -> line.endsWith(".ts"))).hasSize(2);
    assertThat(streamInfo(playlist))
        .containsPattern("Video: h264 .*320x180")
        .containsPattern("Audio: aac .*44100 Hz, mono");
  }

  @Test
  void solidPngHasTheAskedSizeAndColourWithItsAlpha() throws Exception {
    Path png = TestImages.solidPng(dir.resolve("logo.png"), 16, 9, new Color(255, 255, 255, 180));

    var image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(16);
    assertThat(image.getHeight()).isEqualTo(9);
    assertThat(new Color(image.getRGB(8, 4), true)).isEqualTo(new Color(255, 255, 255, 180));
  }

  /** What {@code ffmpeg -i} prints about a file's streams (it exits 1: no output was asked for). */
  private static String streamInfo(Path media) throws Exception {
    Process process =
        BundledFfmpeg.command(List.of("-i", media.toString())).redirectErrorStream(true).start();
    String info = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return info;
  }
}
