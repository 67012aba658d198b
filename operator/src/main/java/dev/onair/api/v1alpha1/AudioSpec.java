package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** The AAC stereo audio profile of the encoded stream. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AudioSpec {
  @Min(32)
  @Max(320)
  @JsonPropertyDescription("AAC bitrate in kbit/s. Default 128.")
  public Integer bitrateKbps;

  @ValidationRule(
      value = "self == 44100 || self == 48000",
      message = "audio.sampleRate must be 44100 or 48000")
  @JsonPropertyDescription("Sample rate in Hz: 44100 or 48000. Default 48000.")
  public Integer sampleRate;
}
