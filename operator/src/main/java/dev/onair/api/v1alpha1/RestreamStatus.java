package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What a Restream is really sending, written by the operator only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RestreamStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Where the Restream is in its life.")
  public RestreamPhase phase;

  @JsonPropertyDescription("One sentence for a person: what is happening and what to do.")
  public String message;

  @JsonPropertyDescription(
      "Standard conditions: Ready when every output is live, Degraded when some are failing.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Outputs live now, as live/total, e.g. 3/4.")
  public String outputs;

  @JsonPropertyDescription("Number of outputs live now.")
  public Integer outputsLive;

  @JsonPropertyDescription("Number of outputs that should be live.")
  public Integer outputsTotal;

  @JsonPropertyDescription("Which endpoints each relay pod carries.")
  public List<RelayAssignment> relays = new ArrayList<>();

  @JsonPropertyDescription("Per-output state, read from the relays.")
  public List<OutputStatus> outputStatuses = new ArrayList<>();

  @JsonPropertyDescription(
      "Relay pod failures in a row; cleared, with lastFailureAt and lastError, once every output"
          + " has been live for onair.restarts.healthy-after (10m).")
  public Integer restarts;

  @JsonPropertyDescription(
      "When a relay pod last failed (RFC 3339); replacement backs off from it.")
  public String lastFailureAt;

  @JsonPropertyDescription("The last relay pod failure, for a person.")
  public String lastError;
}
