package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

  @Override
  public boolean equals(Object o) {
    return o instanceof RelayAssignment r
        && Objects.equals(pod, r.pod)
        && Objects.equals(endpoints, r.endpoints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pod, endpoints);
  }
}
