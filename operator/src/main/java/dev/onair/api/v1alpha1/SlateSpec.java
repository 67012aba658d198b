package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The picture sent while the source is lost, so the broadcast never ends because the source did.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SlateSpec {
  @Required
  @JsonPropertyDescription("The slate image (PNG or JPEG), from a ConfigMap or Secret key.")
  public ImageRef image;
}
