package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** A small JPEG of the outgoing picture. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Thumbnail {
  @JsonPropertyDescription("The JPEG as a data URI (data:image/jpeg;base64,...).")
  public String dataUri;

  @JsonPropertyDescription("When the operator captured it (RFC 3339).")
  public String capturedAt;

  @Override
  public boolean equals(Object o) {
    return o instanceof Thumbnail t
        && Objects.equals(dataUri, t.dataUri)
        && Objects.equals(capturedAt, t.capturedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dataUri, capturedAt);
  }
}
