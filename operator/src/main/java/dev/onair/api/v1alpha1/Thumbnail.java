package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A small JPEG of the outgoing picture. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Thumbnail {
  @JsonPropertyDescription("The JPEG as a data URI (data:image/jpeg;base64,...).")
  public String dataUri;

  @JsonPropertyDescription("When the operator captured it (RFC 3339).")
  public String capturedAt;
}
