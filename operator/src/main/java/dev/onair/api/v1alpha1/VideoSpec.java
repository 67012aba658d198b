package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** The H.264 video profile of the encoded stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.maxrateKbps) || !has(self.bitrateKbps) || self.maxrateKbps >= self.bitrateKbps",
    message = "video.maxrateKbps must not be below video.bitrateKbps")
public class VideoSpec {
  /** x264 speed presets; slower presets cost more CPU for the same quality. */
  public enum Preset {
    ultrafast,
    superfast,
    veryfast,
    faster,
    fast,
    medium
  }

  /** H.264 profiles the platforms accept. */
  public enum Profile {
    baseline,
    main,
    high
  }

  @Min(160)
  @Max(3840)
  @ValidationRule(value = "self % 2 == 0", message = "video.width must be even")
  @JsonPropertyDescription("Output width in pixels (even). Default 1280.")
  public Integer width;

  @Min(90)
  @Max(2160)
  @ValidationRule(value = "self % 2 == 0", message = "video.height must be even")
  @JsonPropertyDescription("Output height in pixels (even). Default 720.")
  public Integer height;

  @Min(1)
  @Max(60)
  @JsonPropertyDescription("Output frames per second. Default 30.")
  public Integer fps;

  @Min(300)
  @Max(20000)
  @JsonPropertyDescription("Target video bitrate in kbit/s. Default 3000.")
  public Integer bitrateKbps;

  @Min(300)
  @Max(30000)
  @JsonPropertyDescription("VBV maximum rate in kbit/s. Default: the bitrate.")
  public Integer maxrateKbps;

  @Min(300)
  @Max(60000)
  @JsonPropertyDescription("VBV buffer size in kbit. Default: twice the bitrate.")
  public Integer bufsizeKbits;

  @JsonPropertyDescription("x264 preset. Default veryfast.")
  public Preset preset;

  @JsonPropertyDescription("H.264 profile. Default high.")
  public Profile profile;

  @Pattern("^[1-5](\\.[0-2])?$")
  @JsonPropertyDescription("H.264 level such as 4.1. Default: chosen by the encoder.")
  public String level;

  @Min(1)
  @Max(4)
  @JsonPropertyDescription(
      "Fixed keyframe interval in seconds (platforms ask for 2 to 4). Default 2.")
  public Integer keyframeSeconds;
}
