package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A reference to another OnAir resource; only the resource's own namespace is accepted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectRef {
  @Required
  @JsonPropertyDescription("Name of the referenced resource.")
  public String name;

  @JsonPropertyDescription(
      "Namespace of the referenced resource; references outside the resource's own namespace are"
          + " refused.")
  public String namespace;

  public ObjectRef() {}

  public ObjectRef(String name) {
    this.name = name;
  }
}
