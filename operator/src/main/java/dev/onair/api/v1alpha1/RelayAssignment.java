package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Which Endpoints one relay pod carries. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RelayAssignment {
  @JsonPropertyDescription("Name of the relay pod.")
  public String pod;

  @JsonPropertyDescription("Endpoints it sends to.")
  public List<String> endpoints = new ArrayList<>();

  public RelayAssignment() {}

  public RelayAssignment(String pod, List<String> endpoints) {
    this.pod = pod;
    this.endpoints = new ArrayList<>(endpoints);
  }
}
