package dev.onair.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every printer column of the committed CRDs must find a value in a filled-in resource, of the
 * declared type: a typo in a JSONPath would otherwise show an empty column in kubectl forever.
 */
class PrinterColumnsTest {

  @Test
  void everyLiveStreamColumnFindsItsValue() throws Exception {
    LiveStream ls = new LiveStream();
    ls.setSpec(new LiveStreamSpec());
    LiveStreamStatus s = new LiveStreamStatus();
    s.phase = LiveStreamPhase.Live;
    s.message = "on air";
    s.profile = "1280x720@30 3000k";
    s.telemetry = new StreamTelemetry();
    s.telemetry.bitrateKbps = 3012;
    s.conditions = List.of(ready());
    ls.setStatus(s);
    assertColumns("livestreams.streaming.onair.dev-v1.yml", ls);
  }

  @Test
  void everyEndpointColumnFindsItsValue() throws Exception {
    Endpoint e = new Endpoint();
    e.setSpec(new EndpointSpec());
    e.getSpec().platform = Platform.twitch;
    e.getSpec().url = "rtmp://live.twitch.tv/app";
    EndpointStatus s = new EndpointStatus();
    s.phase = "Ready";
    s.message = "usable";
    s.conditions = List.of(ready());
    e.setStatus(s);
    assertColumns("streamendpoints.streaming.onair.dev-v1.yml", e);
  }

  @Test
  void everyRestreamColumnFindsItsValue() throws Exception {
    Restream r = new Restream();
    r.setSpec(new RestreamSpec());
    r.getSpec().liveStreamRef = new ObjectRef("evening-news");
    RestreamStatus s = new RestreamStatus();
    s.phase = RestreamPhase.Live;
    s.message = "all 3 outputs are live";
    s.outputs = "3/3";
    s.conditions = List.of(ready());
    r.setStatus(s);
    assertColumns("restreams.streaming.onair.dev-v1.yml", r);
  }

  private static io.fabric8.kubernetes.api.model.Condition ready() {
    return new ConditionBuilder()
        .withType("Ready")
        .withStatus("True")
        .withReason("OnAir")
        .withMessage("on air")
        .withLastTransitionTime("2026-11-21T06:00:00Z")
        .build();
  }

  private static void assertColumns(String crdFile, HasMetadata resource) throws Exception {
    resource.getMetadata().setName("sample");
    resource.getMetadata().setCreationTimestamp("2026-11-21T06:00:00Z");
    CustomResourceDefinition crd =
        Serialization.unmarshal(
            Files.readString(CrdFiles.REPO_ROOT.resolve("crds").resolve(crdFile)),
            CustomResourceDefinition.class);
    String json = Serialization.asJson(resource);
    List<CustomResourceColumnDefinition> columns =
        crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    assertThat(columns).isNotEmpty();
    for (CustomResourceColumnDefinition column : columns) {
      Object value = JsonPath.read(json, "$" + column.getJsonPath());
      if (value instanceof List<?> list) {
        assertThat(list).as("column %s (%s)", column.getName(), column.getJsonPath()).hasSize(1);
        value = list.get(0);
      }
      assertThat(value).as("column %s (%s)", column.getName(), column.getJsonPath()).isNotNull();
      switch (column.getType()) {
        case "integer" -> assertThat(value).isInstanceOf(Integer.class);
        case "date" -> assertThat(value.toString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        default -> assertThat(value.toString()).isNotBlank();
      }
    }
  }
}
