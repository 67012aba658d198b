package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the encoder measured most recently, read from its /status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamTelemetry {
  @JsonPropertyDescription("Frames per second going out.")
  public Double fps;

  @JsonPropertyDescription("Output bitrate in kbit/s.")
  public Integer bitrateKbps;

  @JsonPropertyDescription("Frames dropped since the encoder started.")
  public Long droppedFrames;

  @JsonPropertyDescription("Whether frames are arriving from the source now.")
  public Boolean sourceConnected;

  @JsonPropertyDescription("Whether the slate is on air instead of the source.")
  public Boolean slateActive;

  @JsonPropertyDescription("Relays currently reading the encoder's stream.")
  public Integer readers;

  @JsonPropertyDescription("The encoder's last error, if any.")
  public String lastError;
}
