package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** An image file (PNG, or JPEG for slates) kept in a ConfigMap (binaryData) or Secret key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.configMapKeyRef) != has(self.secretKeyRef)",
    message = "set exactly one of configMapKeyRef and secretKeyRef")
public class ImageRef {
  @JsonPropertyDescription("ConfigMap key holding the image (use binaryData).")
  public KeyRef configMapKeyRef;

  @JsonPropertyDescription("Secret key holding the image.")
  public KeyRef secretKeyRef;
}
