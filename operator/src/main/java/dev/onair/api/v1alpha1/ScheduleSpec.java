package dev.onair.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** When a running LiveStream is on air; outside this window its encoder pod does not exist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.startAt) || !has(self.stopAt) || timestamp(self.stopAt) > timestamp(self.startAt)",
    message = "schedule.stopAt must be after schedule.startAt")
public class ScheduleSpec {
  static final String RFC3339 =
      "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})$";

  @Pattern(RFC3339)
  @JsonPropertyDescription("RFC 3339 time the stream goes on air, e.g. 2026-11-21T18:00:00Z.")
  public String startAt;

  @Pattern(RFC3339)
  @JsonPropertyDescription("RFC 3339 time the stream goes off air; the LiveStream then completes.")
  public String stopAt;

  @Min(1)
  @Max(10080)
  @JsonPropertyDescription("Longest time on air in minutes, counted from the start.")
  public Integer maxDurationMinutes;
}
