package dev.onair.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths that describe the server rather than objects: {@code /version}, legacy discovery
 * ({@code /api}, {@code /apis}, one resource list per group-version) and OpenAPI v3, which is what
 * kubectl reads before {@code get}, {@code apply} or {@code explain}.
 */
final class MetaApi {
  /** The Kubernetes minor release whose API the stand-in follows. */
  static final String MINOR = "32";

  private final Registry registry;
  private final OpenApi openApi;

  MetaApi(Registry registry) {
    this.registry = registry;
    this.openApi = new OpenApi(registry);
  }

  Reply handle(Call call) {
    if (!call.method().equals("GET") && !call.method().equals("HEAD")) {
      throw ApiException.methodNotAllowed(
          "the server does not allow this method on the requested resource");
    }
    String path = call.path().replaceAll("/+$", "");
    if (path.equals("/version")) {
      return new Reply.Document(200, version());
    }
    if (path.equals("/api")) {
      ObjectNode versions = Json.MAPPER.createObjectNode();
      versions.put("kind", "APIVersions");
      versions.putArray("versions").add("v1");
      versions
          .putArray("serverAddressByClientCIDRs")
          .addObject()
          .put("clientCIDR", "0.0.0.0/0")
          .put("serverAddress", call.header("host"));
      return new Reply.Document(200, versions);
    }
    if (path.equals("/apis")) {
      return new Reply.Document(200, groups());
    }
    if (path.equals("/openapi/v2")) {
      return OpenApiV2.serve(call);
    }
    if (path.startsWith("/openapi/v3")) {
      return openApi.serve(path, call);
    }
    String[] s = path.split("/");
    if (s.length == 3 && s[1].equals("api")) {
      return resources("", s[2]);
    }
    if (s.length == 4 && s[1].equals("apis")) {
      return resources(s[2], s[3]);
    }
    if (s.length == 3 && s[1].equals("apis")) {
      ObjectNode group = groupsByName().get(s[2]);
      if (group != null) {
        group.put("kind", "APIGroup").put("apiVersion", "v1");
        return new Reply.Document(200, group);
      }
    }
    throw ApiException.pathNotFound();
  }

  private static ObjectNode version() {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("major", "1").put("minor", MINOR).put("gitVersion", "v1." + MINOR + ".0-onair-standin");
    v.put("gitCommit", "").put("gitTreeState", "clean").put("buildDate", "2026-01-01T00:00:00Z");
    v.put("goVersion", "").put("compiler", "gc").put("platform", "linux/amd64");
    return v;
  }

  private Map<String, ObjectNode> groupsByName() {
    Map<String, ObjectNode> groups = new LinkedHashMap<>();
    for (ResourceType t : registry.all()) {
      if (t.group().isEmpty()) {
        continue;
      }
      ObjectNode g =
          groups.computeIfAbsent(
              t.group(),
              name -> {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("name", name);
                n.putArray("versions");
                return n;
              });
      ArrayNode versions = (ArrayNode) g.get("versions");
      boolean known = false;
      for (var v : versions) {
        known |= v.path("version").asText().equals(t.version());
      }
      if (!known) {
        versions.addObject().put("groupVersion", t.apiVersion()).put("version", t.version());
        if (!g.has("preferredVersion")) {
          g.putObject("preferredVersion")
              .put("groupVersion", t.apiVersion())
              .put("version", t.version());
        }
      }
    }
    return groups;
  }

  private ObjectNode groups() {
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    groupsByName().values().forEach(groups::add);
    return list;
  }

  private Reply resources(String group, String version) {
    List<ResourceType> types = new ArrayList<>();
    for (ResourceType t : registry.all()) {
      if (t.group().equals(group) && t.version().equals(version)) {
        types.add(t);
      }
    }
    if (types.isEmpty()) {
      throw ApiException.pathNotFound();
    }
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("kind", "APIResourceList").put("apiVersion", "v1");
    list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
    ArrayNode resources = list.putArray("resources");
    for (ResourceType t : types) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural()).put("singularName", t.singular()).put("namespaced", t.namespaced());
      r.put("kind", t.kind());
      t.verbs().forEach(r.withArray("verbs")::add);
      if (!t.shortNames().isEmpty()) {
        t.shortNames().forEach(r.withArray("shortNames")::add);
      }
      if (!t.categories().isEmpty()) {
        t.categories().forEach(r.withArray("categories")::add);
      }
      if (t.statusSubresource()) {
        subresource(resources, t, "status", List.of("get", "patch", "update"));
      }
      if (t.kind().equals("Pod") && t.group().isEmpty()) {
        subresource(resources, t, "log", List.of("get"));
      }
    }
    return new Reply.Document(200, list);
  }

  private static void subresource(
      ArrayNode resources, ResourceType t, String name, List<String> verbs) {
    ObjectNode r = resources.addObject();
    r.put("name", t.plural() + "/" + name)
        .put("singularName", "")
        .put("namespaced", t.namespaced());
    r.put("kind", name.equals("log") ? "Pod" : t.kind());
    verbs.forEach(r.withArray("verbs")::add);
  }
}
