package dev.onair.apiserver.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.onair.apiserver.ResourceType;
import dev.onair.apiserver.admission.FieldError.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidStatusTest {
  private static final ResourceType LIVE_STREAM = Crds.types().get("LiveStream");

  @Test
  void oneErrorIsTheWholeStatusKubeAnswersWith() {
    var status =
        Admission.invalidStatus(
            LIVE_STREAM,
            "news",
            List.of(
                new FieldError(
                    "spec.video.width", Type.INVALID, IntNode.valueOf(641), "must be even")));

    assertThat(status)
        .isEqualTo(
            Crds.yaml(
                """
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"LiveStream.streaming.onair.dev \\"news\\" is invalid: spec.video.width: Invalid value: 641: must be even",
                 "reason":"Invalid",
                 "details":{"name":"news","group":"streaming.onair.dev","kind":"LiveStream",
                  "causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 641: must be even","field":"spec.video.width"}]},
                 "code":422}
                """));
  }

  @Test
  void severalErrorsAreJoinedInBracketsOnceEachWithACauseApiece() {
    List<FieldError> errors =
        List.of(
            new FieldError("spec.source", Type.REQUIRED, null, ""),
            new FieldError(
                "spec.name",
                Type.TOO_LONG,
                TextNode.valueOf("abcdefghijk"),
                "may not be more than 10 bytes"),
            new FieldError("spec.source", Type.REQUIRED, null, ""),
            new FieldError(
                "spec.tags", Type.TOO_MANY, IntNode.valueOf(3), "must have at most 2 items"),
            new FieldError(FieldError.NO_FIELD, Type.INVALID, null, "some rules were not checked"));

    var status = Admission.invalidStatus(LIVE_STREAM, "news", errors);

    assertThat(status.path("message").asText())
        .isEqualTo(
            "LiveStream.streaming.onair.dev \"news\" is invalid: [spec.source: Required value,"
                + " spec.name: Too long: may not be more than 10 bytes, spec.tags: Too many: 3: must"
                + " have at most 2 items, <nil>: Invalid value: \"null\": some rules were not"
                + " checked]");
    assertThat(status.path("details").path("causes")).hasSize(5);
    assertThat(status.path("details").path("causes").get(1).toString())
        .isEqualTo(
            "{\"reason\":\"FieldValueTooLong\",\"message\":\"Too long: may not be more than 10"
                + " bytes\",\"field\":\"spec.name\"}");
    assertThat(status.path("details").path("causes").get(4).path("field").asText())
        .isEqualTo("<nil>");
  }

  @Test
  void stringLengthItemCountAndFormatErrorsReadAsKubes() {
    Admission admission =
        Admission.of(
            Crds.yaml(
                """
                type: object
                properties:
                  spec:
                    type: object
                    minProperties: 1
                    properties:
                      name: {type: string, maxLength: 10}
                      code: {type: string, minLength: 3}
                      tags: {type: array, maxItems: 2, minItems: 1, items: {type: string}}
                      at: {type: string, format: date-time}
                      data: {type: string, format: byte}
                      step: {type: integer, multipleOf: 5}
                      share: {type: number, exclusiveMaximum: true, maximum: 1000000}
                """));

    var errors =
        admission.validate(
            Crds.yaml(
                "spec: {name: abcdefghijk, code: ab, tags: [a, b, c], at: yesterday, data: '!!',"
                    + " step: 7, share: 1000000.0}"),
            null);

    assertThat(errors)
        .extracting(FieldError::message)
        .containsExactly(
            "spec.name: Too long: may not be more than 10 bytes",
            "spec.code: Invalid value: \"ab\": spec.code in body should be at least 3 chars long",
            "spec.tags: Too many: 3: must have at most 2 items",
            "spec.at: Invalid value: \"yesterday\": spec.at in body must be of type date-time:"
                + " \"yesterday\"",
            "spec.data: Invalid value: \"!!\": spec.data in body must be of type byte: \"!!\"",
            "spec.step: Invalid value: 7: spec.step in body should be a multiple of 5",
            "spec.share: Invalid value: 1e+06: spec.share in body should be less than 1e+06");
    assertThat(admission.validate(Crds.yaml("spec: {}"), null))
        .extracting(FieldError::message)
        .containsExactly("spec: Invalid value: 0: spec in body should have at least 1 properties");
  }

  @Test
  void goPrintsValuesItsOwnWay() {
    assertThat(GoText.number(0.05)).isEqualTo("0.05");
    assertThat(GoText.number(3840.0)).isEqualTo("3840");
    assertThat(GoText.number(1234567.0)).isEqualTo("1.234567e+06");
    assertThat(GoText.number(0.00001)).isEqualTo("1e-05");
    assertThat(GoText.quote("a\"b\n\u00e9")).isEqualTo("\"a\\\"b\\n\u00e9\"");
    assertThat(GoText.sharp(Crds.yaml("{b: [1, x], a: 2.5}")))
        .isEqualTo("map[string]interface {}{\"a\":2.5, \"b\":[]interface {}{1, \"x\"}}");
  }
}
