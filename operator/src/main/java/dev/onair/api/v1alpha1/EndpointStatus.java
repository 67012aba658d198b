package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** Whether an Endpoint can be used, and who uses it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EndpointStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Ready when usable, Invalid when not (see message).")
  public String phase;

  @JsonPropertyDescription("One sentence for a person: why it is usable or not.")
  public String message;

  @JsonPropertyDescription("Standard conditions; Ready is True when the endpoint can be used.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Restreams currently sending to this endpoint.")
  public List<EndpointUse> usedBy = new ArrayList<>();
}
