package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** What to encode: the source, the graphics on top, the output profile and when to run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LiveStreamSpec {
  @Required
  @JsonPropertyDescription("Where the picture and sound come from.")
  public SourceSpec source;

  @JsonPropertyDescription("PNG graphic composited over the picture.")
  public OverlaySpec overlay;

  @JsonPropertyDescription("H.264 video profile.")
  public VideoSpec video;

  @JsonPropertyDescription("AAC audio profile.")
  public AudioSpec audio;

  @JsonPropertyDescription(
      "Running puts the stream on air (within the schedule); Stopped deletes its encoder pod."
          + " Default Running.")
  public DesiredState state;

  @JsonPropertyDescription("Start and stop times and a maximum duration.")
  public ScheduleSpec schedule;

  @JsonPropertyDescription("Picture shown while the source is lost. Default: black.")
  public SlateSpec slate;

  @Min(2)
  @Max(300)
  @JsonPropertyDescription(
      "Seconds between thumbnails written to status (each one is a status write). Default 60.")
  public Integer thumbnailIntervalSeconds;

  @JsonPropertyDescription(
      "CPU and memory for the encoder container; replaces the operator's sizing from the video"
          + " profile.")
  public ResourceRequirements resources;
}
