package dev.onair.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Status subresource, generation, resourceVersion conflicts and deletion, as kube-apiserver. */
class WriteSemanticsTest {
  private static final String STREAMS =
      "/apis/streaming.onair.dev/v1alpha1/namespaces/news/livestreams";
  private static ApiServer server;
  private static Rest rest;

  @BeforeAll
  static void start() {
    server = ApiServer.start();
    server.installCrds(RepoRoot.find().resolve("crds"));
    server.ensureNamespace("news");
    rest = new Rest(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String stream(String name) {
    return """
        {"apiVersion":"streaming.onair.dev/v1alpha1","kind":"LiveStream",
         "metadata":{"name":"%s"},
         "spec":{"source":{"url":"https://example.com/live.m3u8"}},
         "status":{"phase":"Live"}}
        """
        .formatted(name);
  }

  @Test
  void createIgnoresStatusAndStartsAtGenerationOne() {
    Rest.Answer created = rest.post(STREAMS, stream("create"));

    assertThat(created.code()).isEqualTo(201);
    assertThat(created.body().path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(created.body().has("status")).isFalse();
    assertThat(created.body().path("metadata").path("uid").asText()).isNotEmpty();
    assertThat(created.body().path("metadata").path("creationTimestamp").asText()).endsWith("Z");
  }

  @Test
  void statusUpdateCannotChangeSpecAndDoesNotBumpGeneration() {
    rest.post(STREAMS, stream("status-only"));
    ObjectNode live = (ObjectNode) rest.get(STREAMS + "/status-only").body();
    live.with("spec").with("source").put("url", "https://attacker.example/other.m3u8");
    live.putObject("status").put("phase", "Live");

    Rest.Answer written = rest.put(STREAMS + "/status-only/status", live.toString());

    assertThat(written.code()).isEqualTo(200);
    JsonNode after = rest.get(STREAMS + "/status-only").body();
    assertThat(after.path("status").path("phase").asText()).isEqualTo("Live");
    assertThat(after.path("spec").path("source").path("url").asText())
        .isEqualTo("https://example.com/live.m3u8");
    assertThat(after.path("metadata").path("generation").asLong()).isEqualTo(1);
  }

  @Test
  void specUpdateIgnoresStatusAndBumpsGenerationOnlyOnSpecChange() {
    rest.post(STREAMS, stream("spec"));
    rest.mergePatch(STREAMS + "/spec/status", "{\"status\":{\"phase\":\"Live\"}}");

    Rest.Answer labelled =
        rest.mergePatch(
            STREAMS + "/spec",
            "{\"metadata\":{\"labels\":{\"team\":\"news\"}},\"status\":{\"phase\":\"Failed\"}}");
    assertThat(labelled.body().path("metadata").path("generation").asLong()).isEqualTo(1);
    assertThat(labelled.body().path("status").path("phase").asText()).isEqualTo("Live");

    Rest.Answer changed = rest.mergePatch(STREAMS + "/spec", "{\"spec\":{\"state\":\"Stopped\"}}");
    assertThat(changed.code()).isEqualTo(200);
    assertThat(changed.body().path("metadata").path("generation").asLong()).isEqualTo(2);
  }

  @Test
  void staleResourceVersionIsAConflict() {
    ObjectNode created = (ObjectNode) rest.post(STREAMS, stream("conflict")).body();
    rest.mergePatch(STREAMS + "/conflict", "{\"spec\":{\"state\":\"Stopped\"}}");
    created.with("spec").put("state", "Running");

    Rest.Answer stale = rest.put(STREAMS + "/conflict", created.toString());

    assertThat(stale.code()).isEqualTo(409);
    assertThat(stale.body().path("reason").asText()).isEqualTo("Conflict");
    assertThat(stale.body().path("message").asText())
        .isEqualTo(
            "Operation cannot be fulfilled on livestreams.streaming.onair.dev \"conflict\": the object"
                + " has been modified; please apply your changes to the latest version and try again");
  }

  @Test
  void anUpdateWithoutResourceVersionOfACustomResourceIsRefused() {
    ObjectNode created = (ObjectNode) rest.post(STREAMS, stream("no-rv")).body();
    ((ObjectNode) created.get("metadata")).remove("resourceVersion");

    Rest.Answer refused = rest.put(STREAMS + "/no-rv", created.toString());

    assertThat(refused.code()).isEqualTo(422);
    assertThat(refused.body().path("message").asText()).contains("metadata.resourceVersion");
  }

  @Test
  void aFinalizerHoldsDeletionUntilItIsRemoved() {
    rest.post(
        STREAMS,
        stream("final")
            .replace(
                "\"name\":\"final\"", "\"name\":\"final\",\"finalizers\":[\"onair.dev/audit\"]"));

    Rest.Answer deleting = rest.send("DELETE", STREAMS + "/final", null, null);
    assertThat(deleting.code()).isEqualTo(200);
    JsonNode terminating = rest.get(STREAMS + "/final").body();
    assertThat(terminating.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();

    rest.mergePatch(STREAMS + "/final", "{\"metadata\":{\"finalizers\":null}}");
    assertThat(rest.get(STREAMS + "/final").code()).isEqualTo(404);
  }

  @Test
  void deletingAnOwnerDeletesWhatItOwns() {
    JsonNode owner = rest.post(STREAMS, stream("owner")).body();
    String pod =
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"owned","ownerReferences":[
          {"apiVersion":"streaming.onair.dev/v1alpha1","kind":"LiveStream","name":"owner","uid":"%s","controller":true}]},
         "spec":{"containers":[{"name":"encoder","image":"onair/encoder"}]}}
        """
            .formatted(owner.path("metadata").path("uid").asText());
    assertThat(rest.post("/api/v1/namespaces/news/pods", pod).code()).isEqualTo(201);

    rest.send("DELETE", STREAMS + "/owner", null, null);

    assertThat(rest.get("/api/v1/namespaces/news/pods/owned").code()).isEqualTo(404);
  }

  @Test
  void aMissingNamespaceIsNotFound() {
    Rest.Answer refused =
        rest.post("/apis/streaming.onair.dev/v1alpha1/namespaces/nowhere/livestreams", stream("x"));

    assertThat(refused.code()).isEqualTo(404);
    assertThat(refused.body().path("message").asText())
        .isEqualTo("namespaces \"nowhere\" not found");
  }

  @Test
  void anUnknownResourceIsNotFound() {
    assertThat(rest.get("/apis/streaming.onair.dev/v1alpha1/namespaces/news/widgets").code())
        .isEqualTo(404);
  }
}
