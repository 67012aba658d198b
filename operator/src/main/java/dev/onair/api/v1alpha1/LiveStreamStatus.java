package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What is really happening to a LiveStream, written by the operator only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LiveStreamStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Where the stream is in its life.")
  public LiveStreamPhase phase;

  @JsonPropertyDescription("One sentence for a person: what is happening and what to do.")
  public String message;

  @JsonPropertyDescription("Standard conditions; Ready is True while the stream is on air.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The effective video profile, e.g. 1280x720@30 3000k.")
  public String profile;

  @JsonPropertyDescription("Name of the current encoder pod.")
  public String encoderPod;

  @JsonPropertyDescription("URL relays read the encoded MPEG-TS stream from.")
  public String streamUrl;

  @JsonPropertyDescription(
      "Set only while an edit is refused and the encoder keeps running an older spec: the"
          + " generation of that spec. Absent when the running spec is observedGeneration's.")
  public Long appliedGeneration;

  @JsonPropertyDescription("When the current run went on air (RFC 3339).")
  public String startedAt;

  @JsonPropertyDescription(
      "Encoder failures in a row; cleared, with lastFailureAt and lastError, when a changed spec"
          + " is applied or once the stream has been Live for onair.restarts.healthy-after (10m).")
  public Integer restarts;

  @JsonPropertyDescription(
      "When the last encoder pod failed (RFC 3339); replacement backs off from it.")
  public String lastFailureAt;

  @JsonPropertyDescription("The last encoder failure, for a person.")
  public String lastError;

  @JsonPropertyDescription("What the encoder measured most recently.")
  public StreamTelemetry telemetry;

  @JsonPropertyDescription("A small JPEG of the outgoing picture.")
  public Thumbnail thumbnail;
}
