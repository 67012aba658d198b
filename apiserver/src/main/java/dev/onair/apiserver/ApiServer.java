package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.onair.apiserver.auth.Rbac;
import dev.onair.apiserver.auth.Tokens;
import dev.onair.apiserver.auth.User;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * OnAir's Kubernetes API stand-in: an HTTP server on loopback that stores objects and answers the
 * fabric8 client, JOSDK's informers and the real kubectl as kube-apiserver would, for the kinds
 * OnAir uses. One instance serves a test class or a sandbox run.
 *
 * <p>Authentication and authorization: a request with no bearer token is served as an administrator
 * in {@code system:masters} (the stand-in stays open, so tests, the sandbox and kubectl need no
 * credentials); a token registered with {@link #tokens()} makes the request that user's, authorized
 * by RBAC over the stored Roles, ClusterRoles and bindings (403 as kube says it); an unknown token
 * is refused with 401. TokenReview, SubjectAccessReview and the self reviews answer from the same
 * tokens and RBAC. {@link #startHttps()} serves TLS, over which alone kubectl sends {@code
 * --token}. What it does not do (no client certificates, impersonation or webhooks, no websocket
 * watches, no built-in kinds' defaulting) is in docs/testing.md.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ApiServer.class.getName());

  private final HttpServer http;
  private final SelfSignedTls tls;
  private final ExecutorService threads;
  private final Registry registry = new Registry();
  private final Store store = new Store();
  private final RequestLog requests = new RequestLog();
  private final Writes writes;
  private final ObjectApi objects;
  private final MetaApi meta;
  private final Tokens tokens = new Tokens();
  private final AuthFilter auth;
  private final AuthApi reviews;

  private ApiServer(
      HttpServer http, SelfSignedTls tls, ExecutorService threads, PodLogs podLogs, Clock clock) {
    this.http = http;
    this.tls = tls;
    this.threads = threads;
    this.writes = new Writes(registry, store, clock);
    this.objects = new ObjectApi(registry, store, writes, new PodLogStreamer(store, podLogs));
    this.meta = new MetaApi(registry);
    Rbac rbac = new Rbac(new StoredRbac(store));
    this.auth = new AuthFilter(tokens, rbac);
    this.reviews = new AuthApi(registry, tokens, rbac);
  }

  /** Starts a server on {@code 127.0.0.1}, a free port, with no node behind {@code pods/log}. */
  public static ApiServer start() {
    return start(0, PodLogs.NONE);
  }

  /** Starts a server on {@code 127.0.0.1:port} (0: a free one), serving logs from {@code logs}. */
  public static ApiServer start(int port, PodLogs logs) {
    return start(port, logs, null);
  }

  /**
   * Starts a server on {@code https://127.0.0.1}, a free port, with a fresh self-signed certificate
   * that {@link #writeKubeconfig} trusts: kubectl sends {@code --token} only over HTTPS.
   */
  public static ApiServer startHttps() {
    return start(0, PodLogs.NONE, SelfSignedTls.generate());
  }

  private static ApiServer start(int port, PodLogs logs, SelfSignedTls tls) {
    try {
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
      HttpServer http;
      if (tls == null) {
        http = HttpServer.create(address, 256);
      } else {
        HttpsServer https = HttpsServer.create(address, 256);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
        http = https;
      }
      AtomicInteger n = new AtomicInteger();
      ExecutorService threads =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "apiserver-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      ApiServer server = new ApiServer(http, tls, threads, logs, Clock.systemUTC());
      http.createContext("/", server::serve);
      http.setExecutor(threads);
      http.start();
      server.createDefaultNamespaces();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void createDefaultNamespaces() {
    for (String ns : List.of("default", "kube-system", "kube-public")) {
      ensureNamespace(ns);
    }
  }

  /** {@code http://127.0.0.1:PORT}, or {@code https://} when started by {@link #startHttps}. */
  public String url() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + http.getAddress().getPort();
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public RequestLog requests() {
    return requests;
  }

  /** The bearer tokens this server authenticates; requests with one are authorized by RBAC. */
  public Tokens tokens() {
    return tokens;
  }

  /** The watches clients hold open now: what a controller caches, and how it selects it. */
  public List<OpenWatch> openWatches() {
    return objects.openWatches();
  }

  /** Creates {@code name} unless it exists, as {@code kubectl create namespace} would. */
  public void ensureNamespace(String name) {
    ObjectNode ns = Json.MAPPER.createObjectNode();
    ns.put("apiVersion", "v1").put("kind", "Namespace");
    ns.putObject("metadata").put("name", name);
    ns.putObject("spec").putArray("finalizers").add("kubernetes");
    ns.putObject("status").put("phase", "Active");
    Call call = internalCall();
    try {
      writes.create(registry.find("", "v1", "namespaces").orElseThrow(), null, ns, call);
    } catch (ApiException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }

  /** Creates every CRD in the YAML files of {@code dir}, as {@code kubectl apply -f dir}. */
  public void installCrds(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
        ObjectNode crd = (ObjectNode) Json.YAML.readTree(f.toFile());
        writes.create(
            registry.find("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow(),
            null,
            crd,
            internalCall());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates the one object {@code manifest} (YAML or JSON) describes, as {@code kubectl create -f}
   * run by the administrator: a Role or RoleBinding a test grants, say. Returns it as stored.
   */
  public JsonNode create(String manifest) {
    ObjectNode object = Json.object(manifest.getBytes(StandardCharsets.UTF_8), true);
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    ResourceType type =
        registry
            .byKind(apiVersion, kind)
            .orElseThrow(
                () -> new IllegalArgumentException("no kind " + kind + " in " + apiVersion));
    String namespace = null;
    if (type.namespaced()) {
      namespace = object.path("metadata").path("namespace").asText("");
      namespace = namespace.isEmpty() ? "default" : namespace;
    }
    return writes.create(type, namespace, object, internalCall()).object();
  }

  /** Writes a kubeconfig whose current context is this server, for kubectl; returns its path. */
  public Path writeKubeconfig(Path file, String namespace) {
    return Kubeconfig.write(file, url(), tls == null ? null : tls.certificatePem(), namespace);
  }

  private static Call internalCall() {
    return new Call("POST", "", Map.of(), Map.of("user-agent", "onair-apiserver"), new byte[0]);
  }

  private void serve(HttpExchange exchange) {
    int code = 500;
    Call call = null;
    try {
      call = read(exchange);
      Reply reply = route(call);
      code = send(exchange, call, reply);
    } catch (ApiException e) {
      code = e.code();
      trySend(exchange, new Reply.Document(e.code(), e.status()));
    } catch (Writes.ConcurrentChange e) {
      code = 409;
      trySend(
          exchange,
          new Reply.Document(409, ApiException.status(409, "Conflict", "concurrent change", null)));
    } catch (IOException e) {
      code = 499; // the client went away
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "API stand-in failed on " + exchange.getRequestURI(), e);
      trySend(
          exchange,
          new Reply.Document(
              500, ApiException.status(500, "InternalError", String.valueOf(e), null)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
      if (call != null) {
        String q = exchange.getRequestURI().getRawQuery();
        requests.add(
            new RequestLog.Entry(
                call.method(),
                call.path() + (q == null ? "" : "?" + q),
                call.body().length,
                code,
                call.header("user-agent")));
      }
    }
  }

  private Call read(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    return new Call(
        exchange.getRequestMethod(),
        uri.getPath(),
        Call.parseQuery(uri.getRawQuery()),
        headers,
        body);
  }

  private Reply route(Call call) {
    User user = auth.authenticate(call);
    auth.authorize(user, call);
    String path = call.path();
    if (call.header("upgrade").equalsIgnoreCase("websocket")) {
      // No websocket here: a 200 to the upgrade makes fabric8 fall back to an HTTP watch, as it
      // does behind kubectl proxy.
      return new Reply.Document(200, Json.MAPPER.createObjectNode());
    }
    if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
      return new Reply.Bytes(200, ObjectApi.utf8("ok"), "text/plain");
    }
    Optional<Target> target = Target.parse(path);
    if (target.isPresent() && AuthApi.serves(target.get())) {
      return reviews.handle(target.get(), call, user);
    }
    if (target.isPresent()) {
      return objects.handle(target.get(), call);
    }
    return meta.handle(call);
  }

  private static int send(HttpExchange exchange, Call call, Reply reply)
      throws IOException, InterruptedException {
    boolean head = call.method().equals("HEAD");
    if (reply instanceof Reply.Document d) {
      exchange.getResponseHeaders().set("Content-Type", d.contentType());
      for (String w : d.warnings()) {
        exchange.getResponseHeaders().add("Warning", "299 - \"" + w.replace("\"", "\\\"") + "\"");
      }
      byte[] bytes = Json.MAPPER.writeValueAsBytes(d.body());
      exchange.sendResponseHeaders(d.code(), head ? -1 : bytes.length);
      if (!head) {
        exchange.getResponseBody().write(bytes);
      }
      return d.code();
    }
    if (reply instanceof Reply.Bytes b) {
      exchange.getResponseHeaders().set("Content-Type", b.contentType());
      exchange.sendResponseHeaders(b.code(), head ? -1 : b.body().length);
      if (!head) {
        exchange.getResponseBody().write(b.body());
      }
      return b.code();
    }
    Reply.Streaming s = (Reply.Streaming) reply;
    exchange.getResponseHeaders().set("Content-Type", s.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      out.flush();
      s.writer().writeTo(out);
    }
    return 200;
  }

  private static void trySend(HttpExchange exchange, Reply.Document d) {
    try {
      byte[] bytes = Json.MAPPER.writeValueAsBytes(d.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(d.code(), bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException | RuntimeException e) {
      // headers already sent (a stream broke midway) or the client left: nothing more to say
    }
  }

  /** The objects of a kind, as {@code kubectl get} lists them (for tests and the sandbox). */
  public List<JsonNode> list(String group, String plural, String namespace) {
    ResourceType t =
        registry.all().stream()
            .filter(r -> r.group().equals(group) && r.plural().equals(plural))
            .findFirst()
            .orElseThrow();
    return List.copyOf(store.list(Writes.storageKey(t), namespace).items());
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
