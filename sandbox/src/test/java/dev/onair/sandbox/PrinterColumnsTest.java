package dev.onair.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class PrinterColumnsTest {
  @Test
  void evaluatesTheJsonPathFormsTheCrdsUse() throws Exception {
    JsonNode object =
        new ObjectMapper()
            .readTree(
                "{\"spec\":{\"liveStreamRef\":{\"name\":\"news\"}},\"status\":{\"phase\":\"Live\","
                    + "\"conditions\":[{\"type\":\"Other\",\"status\":\"False\"},"
                    + "{\"type\":\"Ready\",\"status\":\"True\"}],\"telemetry\":{\"bitrateKbps\":812}}}");
    assertThat(PrinterColumns.evaluate(object, ".status.phase")).isEqualTo("Live");
    assertThat(PrinterColumns.evaluate(object, ".spec.liveStreamRef.name")).isEqualTo("news");
    assertThat(PrinterColumns.evaluate(object, ".status.conditions[?(@.type==\"Ready\")].status"))
        .isEqualTo("True");
    assertThat(PrinterColumns.evaluate(object, ".status.conditions[0].type")).isEqualTo("Other");
    assertThat(PrinterColumns.evaluate(object, ".status.telemetry.bitrateKbps")).isEqualTo("812");
    assertThat(PrinterColumns.evaluate(object, ".status.message")).isEmpty();
  }
}
