package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.table.Tables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The object endpoints: get, list, watch (HTTP streaming, as kubectl and client-go use it), create,
 * update, patch, delete and deletecollection of every served kind, with Table printing when the
 * client asks for it.
 */
final class ObjectApi {
  private static final String TABLE_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  /** kube-apiserver's --min-request-timeout; watches without timeoutSeconds end after this. */
  private static final Duration DEFAULT_WATCH = Duration.ofMinutes(30);

  private final Registry registry;
  private final Store store;
  private final Writes writes;
  private final PodLogStreamer logs;
  private final Map<Object, OpenWatch> openWatches = new ConcurrentHashMap<>();

  ObjectApi(Registry registry, Store store, Writes writes, PodLogStreamer logs) {
    this.registry = registry;
    this.store = store;
    this.writes = writes;
    this.logs = logs;
  }

  Reply handle(Target target, Call call) {
    ResourceType type =
        registry
            .find(target.group(), target.version(), target.plural())
            .orElseThrow(ApiException::pathNotFound);
    if (!type.namespaced() && target.namespace() != null) {
      throw ApiException.pathNotFound();
    }
    String sub = target.subresource();
    if (sub != null) {
      if (sub.equals("log") && type.kind().equals("Pod")) {
        return logs.serve(type, target, call);
      }
      boolean status = sub.equals("status") && type.statusSubresource();
      if (!status) {
        throw ApiException.pathNotFound();
      }
    }
    String key = Writes.storageKey(type);
    return switch (call.method()) {
      case "GET", "HEAD" ->
          target.isCollection() ? list(type, key, target, call) : get(type, key, target, call);
      case "POST" -> {
        if (!target.isCollection()) {
          throw ApiException.methodNotAllowed(
              "the server does not allow this method on the requested resource");
        }
        Writes.Written w =
            writes.create(type, target.namespace(), Json.object(call.body(), false), call);
        yield new Reply.Document(201, w.object(), "application/json", w.warnings());
      }
      case "PUT" -> {
        requireName(target);
        Writes.Written w = writes.update(type, target, Json.object(call.body(), false), call);
        yield new Reply.Document(200, w.object(), "application/json", w.warnings());
      }
      case "PATCH" -> {
        requireName(target);
        Writes.Written w = writes.patch(type, target, call);
        yield new Reply.Document(
            w.created() ? 201 : 200, w.object(), "application/json", w.warnings());
      }
      case "DELETE" ->
          target.isCollection()
              ? deleteCollection(type, key, target, call)
              : new Reply.Document(200, writes.delete(type, target, call));
      default ->
          throw ApiException.methodNotAllowed(
              "the server does not allow this method on the requested resource");
    };
  }

  private static void requireName(Target target) {
    if (target.isCollection()) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
  }

  private Reply get(ResourceType type, String key, Target target, Call call) {
    ObjectNode o = store.get(key, target.namespace(), target.name());
    if (o == null) {
      throw ApiException.notFound(type, target.name());
    }
    asServed(type, o);
    if (wantsTable(call)) {
      return new Reply.Document(
          200,
          Tables.table(
              type,
              List.of(o),
              includeObject(call),
              o.path("metadata").path("resourceVersion").asText()),
          TABLE_TYPE,
          List.of());
    }
    return new Reply.Document(200, o);
  }

  private Reply list(ResourceType type, String key, Target target, Call call) {
    Predicate<JsonNode> filter = filter(call);
    if (call.flag("watch")) {
      return watch(type, key, target, call, filter);
    }
    Store.Snapshot snapshot = store.list(key, target.namespace());
    List<ObjectNode> items =
        snapshot.items().stream().filter(filter).peek(o -> asServed(type, o)).toList();
    String rv = Long.toString(snapshot.revision());
    if (wantsTable(call)) {
      return new Reply.Document(
          200, Tables.table(type, items, includeObject(call), rv), TABLE_TYPE, List.of());
    }
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", type.listKind()).put("apiVersion", type.apiVersion());
    list.putObject("metadata").put("resourceVersion", rv);
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return new Reply.Document(200, list);
  }

  private Predicate<JsonNode> filter(Call call) {
    LabelSelector labels = LabelSelector.parse(call.param("labelSelector"));
    FieldSelector fields = FieldSelector.parse(call.param("fieldSelector"));
    return labels.and(fields);
  }

  private Reply deleteCollection(ResourceType type, String key, Target target, Call call) {
    Predicate<JsonNode> filter = filter(call);
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", type.listKind()).put("apiVersion", type.apiVersion());
    list.putObject("metadata");
    ArrayNode deleted = list.putArray("items");
    for (ObjectNode o : store.list(key, target.namespace()).items()) {
      if (filter.test(o)) {
        Target one =
            new Target(
                type.group(),
                type.version(),
                Store.namespaceOf(o),
                type.plural(),
                Store.nameOf(o),
                null);
        try {
          deleted.add(writes.delete(type, one, call));
        } catch (ApiException e) {
          if (e.code() != 404) {
            throw e;
          }
        }
      }
    }
    list.with("metadata").put("resourceVersion", Long.toString(store.revision()));
    return new Reply.Document(200, list);
  }

  /** Objects carry the apiVersion they are read through (a CRD may serve several versions). */
  private static void asServed(ResourceType type, ObjectNode o) {
    o.put("apiVersion", type.apiVersion());
    o.put("kind", type.kind());
  }

  private Reply watch(
      ResourceType type, String key, Target target, Call call, Predicate<JsonNode> filter) {
    String rvParam = call.param("resourceVersion");
    long since =
        rvParam == null || rvParam.isEmpty() || rvParam.equals("0") ? -1 : parseRevision(rvParam);
    long timeoutSeconds =
        call.param("timeoutSeconds") == null
            ? DEFAULT_WATCH.toSeconds()
            : Long.parseLong(call.param("timeoutSeconds"));
    boolean table = wantsTable(call);
    String include = includeObject(call);
    String namespace = target.namespace();
    String name = target.name();
    BlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
    // A bookmark at once tells a client the watch is up (fabric8 informers report "watching"
    // only after the first event); its revision is one the client already has, or the current
    // one when it asked for "from now", so it never moves the client backwards.
    long bookmark = since >= 0 ? since : store.revision();
    boolean bookmarks = call.flag("allowWatchBookmarks");
    Runnable unsubscribe =
        store.subscribe(
            key,
            since,
            e -> {
              if (namespace == null || namespace.equals(Store.namespaceOf(e.after()))) {
                queue.add(e);
              }
            });
    if (unsubscribe == null) {
      throw ApiException.gone(
          "too old resource version: " + rvParam + " (" + store.revision() + ")");
    }
    OpenWatch open =
        new OpenWatch(
            type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group(),
            namespace,
            call.param("labelSelector"),
            call.param("fieldSelector"));
    return new Reply.Streaming(
        table ? TABLE_TYPE : "application/json",
        out -> {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
          // One key per watch: two clients may watch alike.
          Object mine = new Object();
          openWatches.put(mine, open);
          try {
            if (bookmarks) {
              ObjectNode mark = Json.MAPPER.createObjectNode();
              mark.put("kind", type.kind()).put("apiVersion", type.apiVersion());
              mark.putObject("metadata").put("resourceVersion", Long.toString(bookmark));
              write(out, "BOOKMARK", mark);
            }
            while (System.nanoTime() < deadline) {
              WatchEvent e = queue.poll(1, TimeUnit.SECONDS);
              if (e == null) {
                out.flush(); // notices a client that went away
                continue;
              }
              String kind = visible(e, filter, name);
              if (kind == null) {
                continue;
              }
              ObjectNode object = e.after().deepCopy();
              asServed(type, object);
              JsonNode body =
                  table
                      ? Tables.table(
                          type,
                          List.of(object),
                          include,
                          Store.nameOf(object).isEmpty()
                              ? ""
                              : object.path("metadata").path("resourceVersion").asText())
                      : object;
              write(out, kind, body);
            }
          } finally {
            openWatches.remove(mine);
            unsubscribe.run();
          }
        });
  }

  /** The watches open now. */
  List<OpenWatch> openWatches() {
    return List.copyOf(openWatches.values());
  }

  /**
   * The event a watcher with {@code filter} sees: a change into or out of the selection reads as
   * ADDED or DELETED, as kube-apiserver's watch cache reports it; null when it sees nothing.
   */
  private static String visible(WatchEvent e, Predicate<JsonNode> filter, String name) {
    if (name != null && !name.equals(Store.nameOf(e.after()))) {
      return null;
    }
    boolean now = filter.test(e.after());
    boolean before = e.before() != null && filter.test(e.before());
    return switch (e.type()) {
      case "ADDED" -> now ? "ADDED" : null;
      case "DELETED" -> before || now ? "DELETED" : null;
      default -> now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null;
    };
  }

  private static void write(OutputStream out, String type, JsonNode object) throws IOException {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("type", type);
    event.set("object", object);
    out.write(Json.MAPPER.writeValueAsBytes(event));
    out.write('\n');
    out.flush();
  }

  private static long parseRevision(String rv) {
    try {
      return Long.parseLong(rv);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version: " + rv);
    }
  }

  static boolean wantsTable(Call call) {
    return call.header("accept").contains("as=Table");
  }

  private static String includeObject(Call call) {
    String v = call.param("includeObject");
    return v == null || v.isEmpty() ? "Metadata" : v;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
