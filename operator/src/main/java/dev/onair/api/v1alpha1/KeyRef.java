package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap or Secret in the resource's own namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KeyRef {
  @Required
  @JsonPropertyDescription("Name of the ConfigMap or Secret, in the same namespace.")
  public String name;

  @Required
  @JsonPropertyDescription("Key inside it.")
  public String key;

  public KeyRef() {}

  public KeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }
}
