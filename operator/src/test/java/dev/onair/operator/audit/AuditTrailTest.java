package dev.onair.operator.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.onair.api.v1alpha1.DesiredState;
import dev.onair.api.v1alpha1.Endpoint;
import dev.onair.api.v1alpha1.EndpointSpec;
import dev.onair.api.v1alpha1.EndpointStatus;
import dev.onair.api.v1alpha1.KeyRef;
import dev.onair.api.v1alpha1.LiveStream;
import dev.onair.api.v1alpha1.LiveStreamPhase;
import dev.onair.api.v1alpha1.LiveStreamStatus;
import dev.onair.api.v1alpha1.OutputStatus;
import dev.onair.api.v1alpha1.Platform;
import dev.onair.api.v1alpha1.Restream;
import dev.onair.api.v1alpha1.RestreamPhase;
import dev.onair.api.v1alpha1.RestreamStatus;
import dev.onair.apiserver.ApiServer;
import dev.onair.operator.FakeMediaPod;
import dev.onair.operator.Kubelet;
import dev.onair.operator.TestApiServer;
import dev.onair.operator.TestStreams;
import dev.onair.operator.common.ConsentedObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit history against a real PostgreSQL and the operator running: rows, Events and the HTTP
 * query API are what is checked.
 */
@QuarkusTest
@WithTestResource(
    value = TestApiServer.class,
    initArgs = @ResourceArg(name = TestApiServer.NAMESPACES, value = AuditTrailTest.NS))
@WithTestResource(PostgresResource.class)
class AuditTrailTest {
  static final String NS = "studio";
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String STREAM_KEY = "live_987654_SuperSecretKeyValue";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A cluster admin's token: the history API shows them everything. */
  static final String ADMIN_TOKEN = "token-of-an-auditor";

  @TestApiServer.Inject ApiServer server;
  @Inject KubernetesClient client;
  @Inject AuditTrail trail;
  @Inject AuditStore store;
  @Inject AuditWriter writer;
  @Inject AuditRetention retention;

  @TestHTTPResource("/")
  URL base;

  @TestHTTPResource(value = "/", management = true)
  URL management;

  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void awaitSchema() {
    server.tokens().add(ADMIN_TOKEN, "auditor", "system:masters");
    // The operator migrates the database in the background once it answers.
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> db().column("SELECT count(*) FROM audit_event").size() == 1);
  }

  @Test
  void migrationsCreateTheSchemaInAnEmptyDatabaseOnFirstContact() throws Exception {
    await()
        .atMost(WAIT)
        .until(
            () ->
                db().column(
                        "SELECT version FROM flyway_schema_history WHERE success ORDER BY"
                            + " installed_rank"),
            v -> v.equals(List.of("1")));
    assertThat(
            db().column(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " ORDER BY table_name"))
        .contains("audit_event", "stream_session");
    JsonNode audit =
        await().atMost(WAIT).until(this::auditHealth, h -> h.path("state").asText().equals("ok"));
    assertThat(audit.path("status").asText()).isEqualTo("UP");
  }

  @Test
  void aLiveStreamsWholeLifeLeavesItsTransitionsInOrderAsRowsEventsAndSessions() throws Exception {
    String name = "late-show";
    try (FakeMediaPod encoder = liveEncoder()) {
      LiveStream ls = TestStreams.liveStream(NS, name);
      // Each change is made by another tool, named as the API server records it in managedFields.
      client.resource(ls).fieldManager("kubectl").forceConflicts().serverSideApply();
      Kubelet.ready(client, awaitPod(name), "127.0.0.1");
      awaitPhase(name, LiveStreamPhase.Live);

      setState(name, DesiredState.Stopped, "argocd-controller");
      awaitPhase(name, LiveStreamPhase.Stopped);
      setState(name, DesiredState.Running, "helm");
      Kubelet.ready(client, awaitPod(name), "127.0.0.1");
      awaitPhase(name, LiveStreamPhase.Live);

      client.resources(LiveStream.class).inNamespace(NS).withName(name).delete();
      await().atMost(WAIT).until(() -> liveStreamNamed(name) == null);
    }

    List<String> expected =
        List.of(
            "Created",
            "Started",
            "PodCreated",
            "Live",
            "SpecChanged",
            "Stopped",
            "SpecChanged",
            "Started",
            "PodCreated",
            "Live",
            "Stopped",
            "Deleted");
    await().atMost(WAIT).until(() -> reasons(name), r -> r.size() >= expected.size());
    assertThat(reasons(name)).containsExactlyElementsOf(expected);
    assertThat(
            db().column(
                    "SELECT actor FROM audit_event WHERE name = '"
                        + name
                        + "' AND reason IN ('Created', 'SpecChanged', 'Stopped')"
                        + " ORDER BY occurred_at, ordinal"))
        .containsExactly("kubectl", "argocd-controller", "spec", "helm", "deletion");

    // One session per run: the first ended by the spec, the second by the deletion.
    List<List<Object>> sessions =
        db().rows(
                "SELECT end_reason, duration_seconds, ended_at IS NOT NULL FROM stream_session"
                    + " WHERE name = '"
                    + name
                    + "' ORDER BY started_at");
    assertThat(sessions).hasSize(2);
    assertThat(sessions.get(0).get(0)).isEqualTo("spec");
    assertThat(sessions.get(1).get(0)).isEqualTo("deletion");
    assertThat(sessions).allSatisfy(s -> assertThat((Double) s.get(1)).isGreaterThan(0.0));

    // kubectl describe / kubectl events tell the same story.
    assertThat(eventReasons(name)).containsExactlyInAnyOrderElementsOf(expected);

    // And so does the HTTP API, newest first.
    JsonNode page = getJson("/api/v1/history?namespace=" + NS + "&kind=LiveStream&name=" + name);
    List<String> fromApi = new ArrayList<>();
    page.path("items").forEach(i -> fromApi.add(i.path("reason").asText()));
    assertThat(fromApi).containsExactlyElementsOf(reversed(expected));
    JsonNode runs = getJson("/api/v1/sessions?namespace=" + NS + "&name=" + name);
    assertThat(runs.path("items")).hasSize(2);
    assertThat(runs.path("items").get(0).path("endReason").asText()).isEqualTo("deletion");
  }

  @Test
  void theSameTransitionDeliveredTwiceLeavesOneRowAndOneEvent() {
    LiveStream ls = detached("replayed", "7");
    LiveStreamStatus after =
        status(LiveStreamPhase.Starting, "2026-11-21T06:00:00Z", "replayed-p1");
    trail.observe(ls, null, after);
    trail.observe(ls, null, after);
    await().atMost(WAIT).until(() -> reasons("replayed").size() == 3);
    // A replay of every audit Event (as after a restart) changes nothing either.
    writer.submit(new EventOutbox(client).replay());
    await().atMost(WAIT).until(() -> writer.backlog() == 0);
    assertThat(reasons("replayed")).containsExactly("Created", "Started", "PodCreated");
    assertThat(eventReasons("replayed")).hasSize(3);
    assertThat(db().column("SELECT count(*) FROM stream_session WHERE name = 'replayed'"))
        .containsExactly("1");
  }

  @Test
  void postgresDownForAWhileThenBackGetsTheWholeBacklogExactlyOnce() throws Exception {
    String name = "outage-show";
    PostgresResource.postgres.stop();
    try (FakeMediaPod encoder = liveEncoder()) {
      client.resource(TestStreams.liveStream(NS, name)).create();
      Kubelet.ready(client, awaitPod(name), "127.0.0.1");
      // Streams are never affected: reconciliation goes on while the audit store is down.
      awaitPhase(name, LiveStreamPhase.Live);
      setState(name, DesiredState.Stopped, "kubectl-edit");
      awaitPhase(name, LiveStreamPhase.Stopped);

      JsonNode audit =
          await()
              .atMost(WAIT)
              .until(this::auditHealth, h -> h.path("state").asText().equals("degraded"));
      assertThat(audit.path("status").asText()).isEqualTo("UP");
      assertThat(health("/q/health/ready").statusCode()).isEqualTo(200);
      assertThat(metric("onair_audit_backlog")).isGreaterThanOrEqualTo(6);
      assertThat(metric("onair_audit_store_up")).isZero();
      assertThat(get("/api/v1/history?name=" + name).statusCode()).isEqualTo(503);
    } finally {
      PostgresResource.postgres.start();
    }
    List<String> expected =
        List.of("Created", "Started", "PodCreated", "Live", "SpecChanged", "Stopped");
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(() -> writer.backlog() == 0 && reasons(name).size() >= 6);
    assertThat(reasons(name)).containsExactlyElementsOf(expected);
    assertThat(eventReasons(name)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(metric("onair_audit_backlog")).isZero();
    await().atMost(WAIT).until(() -> auditHealth().path("state").asText().equals("ok"));
  }

  @Test
  void theHistoryShowsEachCallerOnlyWhatTheKubernetesApiLetsThemRead() throws Exception {
    Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    store.write(
        List.of(
            record("a1", t0, "h-news", "LiveStream", "evening", "Started", null),
            record("a2", t0.plusSeconds(1), "h-news", "Restream", "everywhere", "Live", null),
            record("a6", t0.plusSeconds(5), "h-news", "Endpoint", "youtube", "Ready", null),
            record("a3", t0.plusSeconds(2), "h-sport", "LiveStream", "match", "Started", null),
            record("a4", t0.plusSeconds(3), "h-sport", "Restream", "match-out", "Live", null),
            record(
                "a5",
                t0.plusSeconds(4),
                "h-sport",
                "Restream",
                "match-out",
                "OutputConnected",
                session(UUID.randomUUID().toString(), t0, null))));
    // alice reads the OnAir kinds in h-news (a ClusterRole bound in that namespace only);
    // bob may read LiveStreams in h-sport and nothing else; carol is authenticated, nothing more.
    server.ensureNamespace("h-news");
    server.ensureNamespace("h-sport");
    server.tokens().add("alice-token", "alice", "newsroom");
    server.tokens().add("bob-token", "bob");
    server.tokens().add("carol-token", "carol");
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: onair-viewer}
        rules:
          - apiGroups: [streaming.onair.dev]
            resources: [livestreams, restreams, streamendpoints]
            verbs: [get, list, watch]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: newsroom-views, namespace: h-news}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: onair-viewer}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: Group, name: newsroom}]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: streams-only, namespace: h-sport}
        rules:
          - apiGroups: [streaming.onair.dev]
            resources: [livestreams]
            verbs: [get]
        """);
    server.create(
        """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: bob-streams, namespace: h-sport}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: streams-only}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: bob}]
        """);

    // No token, or one the API does not know: 401, and nothing of the history.
    HttpResponse<String> anonymous = getAs(null, "/api/v1/history");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(anonymous.body()).contains("bearer token").doesNotContain("h-news");
    assertThat(getAs("forged", "/api/v1/sessions").statusCode()).isEqualTo(401);

    String window = "since=" + t0 + "&until=" + t0.plusSeconds(10);
    assertThat(namespacesSeenBy("alice-token", "/api/v1/history?" + window))
        .containsExactly("h-news/Endpoint", "h-news/Restream", "h-news/LiveStream");
    assertThat(namespacesSeenBy("bob-token", "/api/v1/history?" + window))
        .containsExactly("h-sport/LiveStream");
    assertThat(namespacesSeenBy("bob-token", "/api/v1/sessions?namespace=h-sport")).isEmpty();
    assertThat(namespacesSeenBy(ADMIN_TOKEN, "/api/v1/history?" + window)).hasSize(6);
    // Endpoints are checked as what they are in the API: streamendpoints, not core endpoints.
    assertThat(namespacesSeenBy("alice-token", "/api/v1/history?kind=endpoint&" + window))
        .containsExactly("h-news/Endpoint");

    // Asking for what one may not read is refused, naming who, what and where.
    HttpResponse<String> elsewhere = getAs("alice-token", "/api/v1/history?namespace=h-sport");
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(elsewhere.body())
        .contains("User \\\"alice\\\" cannot get")
        .contains("in the namespace \\\"h-sport\\\"");
    assertThat(getAs("bob-token", "/api/v1/history?namespace=h-sport&kind=Restream").statusCode())
        .isEqualTo(403);
    // Someone who may read nothing yet (a team whose namespace has no history) gets an empty
    // answer for everything, and a refusal for what they name.
    assertThat(namespacesSeenBy("carol-token", "/api/v1/history")).isEmpty();
    assertThat(getAs("carol-token", "/api/v1/history?namespace=h-news").statusCode())
        .isEqualTo(403);
    assertThat(getAs("alice-token", "/api/v1/history?kind=Pod").statusCode()).isEqualTo(400);
    // Metrics and health are not on the history API's port: only on the management one.
    assertThat(getAs(null, "/q/metrics").statusCode()).isEqualTo(404);
    assertThat(getAs(null, "/q/health").statusCode()).isEqualTo(404);
    assertThat(managementGet("/q/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void theQueryApiFiltersByNamespaceKindNameAndTimeAndPaginatesNewestFirst() throws Exception {
    Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    List<AuditRecord> seeded = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      seeded.add(
          record(
              "query-" + i,
              t0.plusSeconds(60L * i),
              i % 2 == 0 ? "q-east" : "q-west",
              i % 3 == 0 ? "Restream" : "LiveStream",
              i % 4 < 2 ? "alpha" : "beta",
              "R" + i,
              null));
    }
    store.write(seeded);

    assertThat(reasonsFromApi("/api/v1/history?namespace=q-east&limit=1000"))
        .containsExactly(
            "R22", "R20", "R18", "R16", "R14", "R12", "R10", "R8", "R6", "R4", "R2", "R0");
    assertThat(reasonsFromApi("/api/v1/history?namespace=q-east&kind=restream&name=alpha"))
        .containsExactly("R12", "R0");
    assertThat(
            reasonsFromApi(
                "/api/v1/history?namespace=q-west&since="
                    + t0.plusSeconds(60 * 5)
                    + "&until="
                    + t0.plusSeconds(60 * 11)))
        .containsExactly("R9", "R7", "R5");

    // Pages of 5 cover everything exactly once, newest first.
    List<String> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          getJson(
              "/api/v1/history?namespace=q-east&limit=5"
                  + (cursor == null ? "" : "&cursor=" + enc(cursor)));
      page.path("items").forEach(i -> all.add(i.path("reason").asText()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(all).containsExactlyElementsOf(reasonsFromApi("/api/v1/history?namespace=q-east"));

    assertThat(get("/api/v1/history?since=yesterday").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/history?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/history?cursor=bogus").statusCode()).isEqualTo(400);

    // "How long were we live on Twitch": output sessions, filterable and paginated the same way.
    String sessionA = UUID.randomUUID().toString();
    String sessionB = UUID.randomUUID().toString();
    store.write(
        List.of(
            record(
                "tw-1",
                t0,
                "q-out",
                "Restream",
                "show",
                "OutputConnected",
                session(sessionA, t0, null)),
            record(
                "tw-2",
                t0.plusSeconds(600),
                "q-out",
                "Restream",
                "show",
                "OutputDisconnected",
                session(sessionA, t0, t0.plusSeconds(600))),
            record(
                "tw-3",
                t0.plusSeconds(900),
                "q-out",
                "Restream",
                "show",
                "OutputConnected",
                session(sessionB, t0.plusSeconds(900), null))));
    JsonNode first = getJson("/api/v1/sessions?namespace=q-out&output=twitch&limit=1");
    assertThat(first.path("items")).hasSize(1);
    assertThat(first.path("items").get(0).path("sessionId").asText()).isEqualTo(sessionB);
    assertThat(first.path("items").get(0).path("endedAt").isNull()).isTrue();
    JsonNode second =
        getJson(
            "/api/v1/sessions?namespace=q-out&output=twitch&limit=1&cursor="
                + enc(first.path("nextCursor").asText()));
    assertThat(second.path("items").get(0).path("durationSeconds").asDouble()).isEqualTo(600.0);
    assertThat(second.path("items").get(0).path("output").asText()).isEqualTo("twitch");
    assertThat(second.path("nextCursor").isNull()).isTrue();
  }

  @Test
  void secretBearingSpecsAndMessagesNeverPutTheKeyInARowOrAnEvent() throws Exception {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("twitch-key")
                .withNamespace(NS)
                .addToLabels(ConsentedObjects.LABEL, "true")
                .endMetadata()
                .addToStringData("key", STREAM_KEY)
                .build())
        .create();
    Endpoint ep = new Endpoint();
    ep.getMetadata().setName("twitch");
    ep.getMetadata().setNamespace(NS);
    ep.setSpec(new EndpointSpec());
    ep.getSpec().platform = Platform.twitch;
    ep.getSpec().url = "rtmp://live.twitch.tv/app";
    ep.getSpec().streamKeySecretRef = new KeyRef("twitch-key", "key");
    client.resource(ep).create();

    // A careless component put the key into a message: the audit must still not keep it.
    Endpoint careless = new Endpoint();
    careless.getMetadata().setName("careless");
    careless.getMetadata().setNamespace(NS);
    careless.getMetadata().setUid(UUID.randomUUID().toString());
    careless.getMetadata().setResourceVersion("5");
    careless.getMetadata().setGeneration(1L);
    careless.setSpec(ep.getSpec());
    EndpointStatus invalid = new EndpointStatus();
    invalid.observedGeneration = 1L;
    invalid.phase = "Invalid";
    invalid.message =
        "rtmp://live.twitch.tv/app/" + STREAM_KEY + " refused; streamKey=" + STREAM_KEY;
    trail.observe(careless, null, invalid);

    Restream rs = new Restream();
    rs.getMetadata().setName("keyed-restream");
    rs.getMetadata().setNamespace(NS);
    rs.getMetadata().setUid(UUID.randomUUID().toString());
    rs.getMetadata().setResourceVersion("11");
    rs.getMetadata().setGeneration(1L);
    RestreamStatus live = new RestreamStatus();
    live.observedGeneration = 1L;
    live.phase = RestreamPhase.Degraded;
    OutputStatus out = new OutputStatus();
    out.endpoint = "twitch";
    out.state = "Failed";
    out.lastError = "rtmps://live.twitch.tv:443/app/" + STREAM_KEY + ": connection refused";
    live.outputStatuses.add(out);
    trail.observe(rs, null, live);

    LiveStream ls = TestStreams.liveStream(NS, "tokenized");
    ls.getSpec().source.url = "https://cdn.example.com/live.m3u8?token=" + STREAM_KEY;
    client.resource(ls).create();
    awaitPod("tokenized");

    await()
        .atMost(WAIT)
        .until(
            () ->
                !reasons("twitch").isEmpty()
                    && reasons("careless").size() == 2
                    && reasons("keyed-restream").size() == 3
                    && reasons("tokenized").size() >= 3);
    List<String> everything =
        db().column(
                "SELECT row_to_json(e)::text FROM audit_event e UNION ALL"
                    + " SELECT row_to_json(s)::text FROM stream_session s");
    assertThat(everything).isNotEmpty().noneMatch(row -> row.contains("SuperSecretKeyValue"));
    assertThat(reasons("keyed-restream")).containsExactly("Created", "Degraded", "OutputFailed");
    List<Event> events = client.v1().events().inNamespace(NS).list().getItems();
    assertThat(events).isNotEmpty();
    assertThat(events).noneMatch(e -> Serialization.asJson(e).contains("SuperSecretKeyValue"));
    assertThat(
            db().column(
                    "SELECT message FROM audit_event WHERE name = 'careless' AND reason = 'Invalid'"))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("rtmp://live.twitch.tv/<redacted>"));
  }

  @Test
  void retentionRemovesRowsOlderThanTheConfiguredAge() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS);
    Instant recent = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    String oldSession = UUID.randomUUID().toString();
    store.write(
        List.of(
            record(
                "ret-old",
                old,
                "retention",
                "LiveStream",
                "archive",
                "Stopped",
                session(oldSession, old.minusSeconds(3600), old)),
            record("ret-new", recent, "retention", "LiveStream", "archive", "Live", null)));
    assertThat(retention.purge()).isGreaterThanOrEqualTo(2);
    assertThat(db().column("SELECT reason FROM audit_event WHERE namespace = 'retention'"))
        .containsExactly("Live");
    assertThat(
            db().column(
                    "SELECT count(*) FROM stream_session WHERE session_id = '" + oldSession + "'"))
        .containsExactly("0");
  }

  // ---------------------------------------------------------------------------------------------

  private static TestPostgres db() {
    return PostgresResource.postgres;
  }

  private List<String> reasons(String name) {
    return db().column(
            "SELECT reason FROM audit_event WHERE name = '"
                + name
                + "' ORDER BY occurred_at, ordinal");
  }

  private List<String> eventReasons(String name) {
    return client.v1().events().inAnyNamespace().list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .toList();
  }

  private List<String> reasonsFromApi(String path) throws Exception {
    List<String> reasons = new ArrayList<>();
    getJson(path).path("items").forEach(i -> reasons.add(i.path("reason").asText()));
    return reasons;
  }

  /** A value from the operator's Prometheus endpoint. */
  private double metric(String name) throws Exception {
    return managementGet("/q/metrics")
        .body()
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name));
  }

  private JsonNode auditHealth() throws Exception {
    JsonNode health = JSON.readTree(health("/q/health").body());
    for (JsonNode check : health.path("checks")) {
      if (check.path("name").asText().equals("audit")) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) check.path("data"))
            .put("status", check.path("status").asText());
        return check.path("data");
      }
    }
    return JSON.createObjectNode();
  }

  private HttpResponse<String> health(String path) throws Exception {
    return managementGet(path);
  }

  private HttpResponse<String> managementGet(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(management.toString()).resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return getAs(ADMIN_TOKEN, path);
  }

  private HttpResponse<String> getAs(String token, String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<String> namespacesSeenBy(String token, String path) throws Exception {
    HttpResponse<String> response = getAs(token, path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> seen = new ArrayList<>();
    JSON.readTree(response.body())
        .path("items")
        .forEach(i -> seen.add(i.path("namespace").asText() + "/" + i.path("kind").asText()));
    return seen;
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static AuditRecord record(
      String id,
      Instant at,
      String namespace,
      String kind,
      String name,
      String reason,
      AuditRecord.Session session) {
    return new AuditRecord(
        id + "-" + UUID.randomUUID(),
        at,
        0,
        namespace,
        kind,
        name,
        "uid-" + name,
        reason,
        false,
        reason,
        null,
        null,
        session == null ? null : "twitch",
        session);
  }

  private static AuditRecord.Session session(String id, Instant start, Instant end) {
    return new AuditRecord.Session(id, start, end, end == null ? null : "stopped");
  }

  private static FakeMediaPod liveEncoder() throws Exception {
    return new FakeMediaPod("127.0.0.1", PostgresResource.podHttpPort)
        .answer(
            "/status",
            "{\"version\":1,\"state\":\"Live\",\"fps\":30.0,\"bitrateKbps\":3000,"
                + "\"sourceConnected\":true,\"slateActive\":false}");
  }

  /** A LiveStream as a reconciler sees it, without it existing in the API server. */
  private static LiveStream detached(String name, String resourceVersion) {
    LiveStream ls = TestStreams.liveStream(NS, name);
    ls.getMetadata().setUid(UUID.randomUUID().toString());
    ls.getMetadata().setResourceVersion(resourceVersion);
    ls.getMetadata().setGeneration(1L);
    return ls;
  }

  private static LiveStreamStatus status(LiveStreamPhase phase, String startedAt, String pod) {
    LiveStreamStatus s = new LiveStreamStatus();
    s.observedGeneration = 1L;
    s.phase = phase;
    s.startedAt = startedAt;
    s.encoderPod = pod;
    return s;
  }

  /**
   * Changes spec.state as {@code kubectl patch --type=merge --field-manager=manager} does, in a
   * later second than the write before: managedFields times have one-second resolution
   * (metav1.Time), so two writers within one second cannot be told apart, by kube-apiserver's
   * records either.
   */
  private void setState(String name, DesiredState state, String manager)
      throws InterruptedException {
    Instant write = Instant.now();
    Thread.sleep(
        Duration.between(write, write.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)).toMillis()
            + 1);
    client
        .resources(LiveStream.class)
        .inNamespace(NS)
        .withName(name)
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.JSON_MERGE)
                .withFieldManager(manager)
                .build(),
            "{\"spec\":{\"state\":\"" + state + "\"}}");
  }

  private LiveStream liveStreamNamed(String name) {
    return client.resources(LiveStream.class).inNamespace(NS).withName(name).get();
  }

  private void awaitPhase(String name, LiveStreamPhase phase) {
    await()
        .atMost(WAIT)
        .until(
            () -> liveStreamNamed(name),
            ls -> ls != null && ls.getStatus() != null && ls.getStatus().phase == phase);
  }

  private Pod awaitPod(String instance) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                client
                    .pods()
                    .inNamespace(NS)
                    .withLabel("app.kubernetes.io/instance", instance)
                    .list()
                    .getItems()
                    .stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .findFirst()
                    .orElse(null),
            p -> p != null);
  }
}
