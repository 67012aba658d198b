package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One output of a Restream: an Endpoint, the relay pod carrying it and how it is doing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OutputStatus {
  @JsonPropertyDescription("Name of the Endpoint.")
  public String endpoint;

  @JsonPropertyDescription("Relay pod carrying this output.")
  public String relayPod;

  @JsonPropertyDescription("Pending, Connecting, Live, Reconnecting or Failed.")
  public String state;

  @JsonPropertyDescription("When the output entered this state (RFC 3339).")
  public String since;

  @JsonPropertyDescription("Bitrate accepted by the endpoint in kbit/s.")
  public Integer bitrateKbps;

  @JsonPropertyDescription("Reconnects since the relay pod started.")
  public Integer reconnects;

  @JsonPropertyDescription("The last error, with the stream key redacted.")
  public String lastError;
}
