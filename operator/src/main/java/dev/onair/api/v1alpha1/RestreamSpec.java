package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.ArrayList;
import java.util.List;

/** Which LiveStream goes to which Endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "(has(self.endpointRefs) && size(self.endpointRefs) > 0) || has(self.endpointSelector)",
    message = "set endpointRefs, endpointSelector or both")
public class RestreamSpec {
  @Required
  @JsonPropertyDescription("The LiveStream to send, in the same namespace.")
  public ObjectRef liveStreamRef;

  @JsonPropertyDescription("Endpoints to send to, by name, in the same namespace.")
  public List<ObjectRef> endpointRefs = new ArrayList<>();

  @JsonPropertyDescription("Also send to every Endpoint in the namespace whose labels match.")
  public LabelSelector endpointSelector;

  @JsonPropertyDescription("Running sends; Stopped deletes the relay pods. Default Running.")
  public DesiredState state;

  @Min(1)
  @Max(24)
  @JsonPropertyDescription("Most outputs one relay pod carries. Default 6.")
  public Integer maxOutputsPerRelay;
}
