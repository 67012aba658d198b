package dev.onair.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.install.ExampleVerdicts.Doc;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every YAML file under examples/ is parsed and checked as the cluster would: the committed CRD's
 * schema and CEL rules, the operator's own validation, and references between the examples.
 */
class ExamplesTest {
  static List<Doc> examples;
  static ExampleVerdicts verdicts;

  @BeforeAll
  static void load() {
    examples = ExampleVerdicts.load(RepoFiles.examples());
    verdicts = new ExampleVerdicts();
  }

  @Test
  void everyExampleWouldBeAcceptedAndRun() {
    Map<String, List<String>> refused = new LinkedHashMap<>();
    for (Doc doc : examples) {
      List<String> problems = verdicts.problems(doc, examples);
      if (!problems.isEmpty()) {
        refused.put(doc.toString(), problems);
      }
    }
    assertThat(refused).as("examples that would be refused or could not run").isEmpty();
  }

  @Test
  void examplesCoverEveryPlatformAndKindOfSource() {
    assertThat(of("Endpoint"))
        .extracting(d -> d.node().path("spec").path("platform").asText())
        .contains("youtube", "twitch", "facebook", "x");
    assertThat(of("Endpoint"))
        .filteredOn(d -> d.node().path("spec").path("platform").asText().equals("facebook"))
        .allMatch(d -> d.node().path("spec").path("url").asText().startsWith("rtmps://"));
    List<JsonNode> specs = of("LiveStream").stream().map(d -> d.node().path("spec")).toList();
    assertThat(specs)
        .anyMatch(s -> s.path("source").path("url").asText().contains(".m3u8") && s.has("overlay"));
    assertThat(specs)
        .anyMatch(s -> s.path("source").path("push").path("protocol").asText().equals("srt"));
    assertThat(specs).anyMatch(s -> s.has("schedule") && s.has("slate"));
    assertThat(of("Restream"))
        .anyMatch(
            d ->
                d.node().path("spec").path("endpointRefs").size()
                        + (d.node().path("spec").has("endpointSelector") ? 1 : 0)
                    >= 2);
    assertThat(of("Application")).hasSize(1);
    assertThat(of("Secret")).isNotEmpty();
  }

  @Test
  void overlayConfigMapHoldsARealPngInBinaryData() {
    Doc logo =
        examples.stream()
            .filter(d -> d.kind().equals("ConfigMap") && d.node().has("binaryData"))
            .findFirst()
            .orElseThrow();
    byte[] png =
        Base64.getDecoder().decode(logo.node().path("binaryData").elements().next().asText());
    assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    assertThat(png.length).isLessThan(2048);
  }

  @Test
  void aFacebookEndpointOverPlainRtmpIsRefusedByTheCelRuleAndTheOperator() {
    Doc bad =
        mutate(
            "Endpoint", "facebook", n -> spec(n).put("url", "rtmp://live-api-s.facebook.com/rtmp"));
    assertThat(verdicts.problems(bad, withReplaced(bad)))
        .anyMatch(p -> p.startsWith("api server:") && p.contains("Facebook accepts rtmps:// only"))
        .anyMatch(p -> p.startsWith("operator: InsecureURL"));
  }

  @Test
  void anOddVideoWidthIsRefusedByTheCelRuleAndTheOperator() {
    Doc bad =
        mutate(
            "LiveStream",
            "evening-news",
            n -> ((ObjectNode) spec(n).path("video")).put("width", 1281));
    assertThat(verdicts.problems(bad, withReplaced(bad)))
        .anyMatch(p -> p.startsWith("api server:") && p.contains("video.width must be even"))
        .anyMatch(p -> p.startsWith("operator: InvalidVideo"));
  }

  @Test
  void aSourceWithBothUrlAndPushIsRefusedByTheCelRule() {
    Doc bad =
        mutate(
            "LiveStream",
            "studio-obs",
            n -> ((ObjectNode) spec(n).path("source")).put("url", "srt://example.com:9000"));
    assertThat(verdicts.problems(bad, withReplaced(bad)))
        .anyMatch(
            p -> p.contains("set exactly one of source.url, source.youtubeUrl and source.push"))
        .anyMatch(p -> p.startsWith("operator: InvalidSource"));
  }

  @Test
  void aMisspelledFieldOrAnOutOfRangeValueIsRefusedByTheSchema() {
    Doc typo =
        mutate(
            "LiveStream",
            "evening-news",
            n -> ((ObjectNode) spec(n).path("overlay")).put("postion", "TopLeft"));
    assertThat(verdicts.problems(typo, withReplaced(typo)))
        .anyMatch(p -> p.startsWith("api server:") && p.contains("postion"));
    Doc tooFast =
        mutate(
            "LiveStream",
            "evening-news",
            n -> ((ObjectNode) spec(n).path("video")).put("fps", 120));
    assertThat(verdicts.problems(tooFast, withReplaced(tooFast)))
        .anyMatch(p -> p.startsWith("api server:") && p.contains("fps"));
    Doc badPlatform = mutate("Endpoint", "twitch", n -> spec(n).put("platform", "myspace"));
    assertThat(verdicts.problems(badPlatform, withReplaced(badPlatform)))
        .anyMatch(p -> p.startsWith("api server:") && p.contains("platform"));
  }

  @Test
  void anOverlayThatIsNotAPngIsRefusedByTheOperator() {
    Doc notPng =
        mutate(
            "ConfigMap",
            "station-logo",
            n ->
                ((ObjectNode) n.path("binaryData"))
                    .put("logo.png", Base64.getEncoder().encodeToString("GIF89a...".getBytes())));
    List<Doc> all = withReplaced(notPng);
    Doc stream = find("LiveStream", "evening-news");
    assertThat(verdicts.problems(stream, all)).anyMatch(p -> p.startsWith("operator: NotPNG"));
    assertThat(verdicts.problems(notPng, all)).anyMatch(p -> p.contains("is not a PNG"));
  }

  @Test
  void aRestreamToAMissingEndpointOrASecretWithARealKeyIsFlagged() {
    Doc restream =
        mutate(
            "Restream",
            "evening-news-everywhere",
            n ->
                ((com.fasterxml.jackson.databind.node.ArrayNode) spec(n).path("endpointRefs"))
                    .addObject()
                    .put("name", "tiktok"));
    assertThat(verdicts.problems(restream, withReplaced(restream)))
        .contains("spec.endpointRefs: no example Endpoint tiktok");
    Doc secret =
        mutate(
            "Secret",
            "youtube-stream-key",
            n -> ((ObjectNode) n.path("stringData")).put("streamKey", "abcd-efgh-ijkl-mnop"));
    assertThat(verdicts.problems(secret, withReplaced(secret)))
        .anyMatch(p -> p.contains("placeholder"));
  }

  private static List<Doc> of(String kind) {
    return examples.stream().filter(d -> d.kind().equals(kind)).toList();
  }

  private static Doc find(String kind, String name) {
    return examples.stream()
        .filter(d -> d.kind().equals(kind) && d.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no example " + kind + "/" + name));
  }

  /** A copy of one example with a change, as a user might wrongly write it. */
  private static Doc mutate(String kind, String name, Consumer<JsonNode> change) {
    Doc original = find(kind, name);
    JsonNode copy = original.node().deepCopy();
    change.accept(copy);
    return new Doc(original.file() + " (mutated)", copy);
  }

  /** The examples with {@code replacement} in place of the document of the same kind and name. */
  private static List<Doc> withReplaced(Doc replacement) {
    List<Doc> all = new ArrayList<>();
    for (Doc d : examples) {
      boolean same = d.kind().equals(replacement.kind()) && d.name().equals(replacement.name());
      all.add(same ? replacement : d);
    }
    return all;
  }

  private static ObjectNode spec(JsonNode n) {
    return (ObjectNode) n.path("spec");
  }
}
