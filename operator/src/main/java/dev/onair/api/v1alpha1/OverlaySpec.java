package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** A PNG graphic composited over the picture. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OverlaySpec {
  /** Where the overlay sits. */
  public enum Position {
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
    Center
  }

  @Required
  @JsonPropertyDescription("The PNG file, from a ConfigMap or Secret key.")
  public ImageRef image;

  @JsonPropertyDescription("Corner (or center) the overlay is anchored to. Default TopRight.")
  public Position position;

  @Min(0)
  @Max(1000)
  @JsonPropertyDescription("Distance from the corner in output pixels. Default 24.")
  public Integer margin;

  @Min(0.05)
  @Max(4)
  @JsonPropertyDescription("Factor applied to the PNG's own size. Default 1.0.")
  public Double scale;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription(
      "Opacity from 0 (invisible) to 1, multiplied with the PNG's alpha. Default 1.")
  public Double opacity;
}
