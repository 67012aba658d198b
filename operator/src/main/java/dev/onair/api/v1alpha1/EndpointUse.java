package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One Restream currently sending to an Endpoint, and how that output is doing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointUse {
  @JsonPropertyDescription("Name of the Restream.")
  public String restream;

  @JsonPropertyDescription(
      "State of that output: Connecting, Live, Reconnecting, Failed or Pending.")
  public String state;

  public EndpointUse() {}

  public EndpointUse(String restream, String state) {
    this.restream = restream;
    this.state = state;
  }
}
