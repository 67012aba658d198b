package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * OpenAPI v3 as kube-apiserver publishes it: a root listing one document per group-version, and
 * documents whose PATCH operations name their kind and accept {@code fieldValidation} (kubectl
 * checks that before it leaves field validation to the server), with each CRD's schema so that
 * {@code kubectl explain} works. Built-in kinds get paths but no schemas: kubectl then computes
 * strategic merge patches from its own compiled types, as it would against an older server.
 */
final class OpenApi {
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

  private final Registry registry;

  OpenApi(Registry registry) {
    this.registry = registry;
  }

  Reply serve(String path, Call call) {
    if (path.equals("/openapi/v3")) {
      ObjectNode root = Json.MAPPER.createObjectNode();
      ObjectNode paths = root.putObject("paths");
      for (String gv : groupVersions()) {
        String docPath = gv.contains("/") ? "apis/" + gv : "api/" + gv;
        paths
            .putObject(docPath)
            .put("serverRelativeURL", "/openapi/v3/" + docPath + "?hash=" + hash(document(gv)));
      }
      return new Reply.Document(200, root);
    }
    String rest = path.substring("/openapi/v3/".length());
    String gv =
        rest.startsWith("apis/")
            ? rest.substring(5)
            : rest.startsWith("api/") ? rest.substring(4) : "";
    if (!groupVersions().contains(gv)) {
      throw ApiException.pathNotFound();
    }
    return new Reply.Document(200, document(gv));
  }

  private Set<String> groupVersions() {
    Set<String> gvs = new LinkedHashSet<>();
    registry.all().forEach(t -> gvs.add(t.apiVersion()));
    return gvs;
  }

  private List<ResourceType> typesOf(String gv) {
    List<ResourceType> types = new ArrayList<>();
    registry
        .all()
        .forEach(
            t -> {
              if (t.apiVersion().equals(gv)) {
                types.add(t);
              }
            });
    return types;
  }

  ObjectNode document(String gv) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", "v1." + MetaApi.MINOR + ".0");
    ObjectNode paths = doc.putObject("paths");
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    boolean anyCustom = false;
    for (ResourceType t : typesOf(gv)) {
      String base =
          t.groupVersionPath() + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
      if (t.verbs().equals(List.of("create"))) {
        // a review kind: only POST to the collection exists
        paths.putObject(base).set("post", operation(t, "post", false));
        continue;
      }
      ObjectNode item = paths.putObject(base + "/{name}");
      item.set("get", operation(t, "get", false));
      item.set("put", operation(t, "put", false));
      item.set("patch", operation(t, "patch", true));
      item.set("delete", operation(t, "delete", false));
      ObjectNode collection = paths.putObject(base);
      collection.set("get", operation(t, "list", false));
      collection.set("post", operation(t, "post", false));
      if (t.statusSubresource()) {
        ObjectNode status = paths.putObject(base + "/{name}/status");
        status.set("get", operation(t, "get", false));
        status.set("patch", operation(t, "patch", true));
      }
      if (t.schema() != null) {
        anyCustom = true;
        schemas.set(schemaName(t), schemaOf(t));
      }
    }
    if (anyCustom) {
      schemas.set(META, objectMeta());
    }
    return doc;
  }

  private static ObjectNode operation(ResourceType t, String action, boolean patch) {
    ObjectNode op = Json.MAPPER.createObjectNode();
    op.put("operationId", action + t.kind());
    op.put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind")
        .put("group", t.group())
        .put("version", t.version())
        .put("kind", t.kind());
    ArrayNode params = op.putArray("parameters");
    for (String p : List.of("dryRun", "fieldManager", "fieldValidation", "force", "pretty")) {
      if (patch || (!p.equals("force") && !action.equals("get") && !action.equals("list"))) {
        params
            .addObject()
            .put("name", p)
            .put("in", "query")
            .put("description", p)
            .putObject("schema")
            .put("type", p.equals("force") ? "boolean" : "string");
      }
    }
    if (patch) {
      ObjectNode content = op.putObject("requestBody").putObject("content");
      for (String type :
          List.of(
              "application/json-patch+json",
              "application/merge-patch+json",
              "application/apply-patch+yaml")) {
        content.putObject(type).putObject("schema").put("type", "object");
      }
    }
    op.putObject("responses").putObject("200").put("description", "OK");
    return op;
  }

  /** {@code dev.onair.streaming.v1alpha1.LiveStream}: the group reversed, as kube names them. */
  private static String schemaName(ResourceType t) {
    List<String> parts = new ArrayList<>(List.of(t.group().split("\\.")));
    java.util.Collections.reverse(parts);
    return String.join(".", parts) + "." + t.version() + "." + t.kind();
  }

  private static ObjectNode schemaOf(ResourceType t) {
    ObjectNode s = t.schema().deepCopy();
    ObjectNode props = s.with("properties");
    props
        .putObject("apiVersion")
        .put("type", "string")
        .put(
            "description",
            "APIVersion defines the versioned schema of this representation of an object.");
    props
        .putObject("kind")
        .put("type", "string")
        .put(
            "description",
            "Kind is a string value representing the REST resource this object represents.");
    ObjectNode meta = props.putObject("metadata");
    meta.putArray("allOf").addObject().put("$ref", "#/components/schemas/" + META);
    meta.put("description", "Standard object's metadata.");
    s.putArray("x-kubernetes-group-version-kind")
        .addObject()
        .put("group", t.group())
        .put("kind", t.kind())
        .put("version", t.version());
    return s;
  }

  private static ObjectNode objectMeta() {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("type", "object")
        .put("description", "ObjectMeta is metadata that all persisted resources must have.");
    ObjectNode p = m.putObject("properties");
    for (String f :
        List.of(
            "name",
            "namespace",
            "generateName",
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "deletionTimestamp")) {
      p.putObject(f).put("type", "string");
    }
    p.putObject("generation").put("type", "integer").put("format", "int64");
    for (String f : List.of("labels", "annotations")) {
      p.putObject(f).put("type", "object").putObject("additionalProperties").put("type", "string");
    }
    p.putObject("finalizers").put("type", "array").putObject("items").put("type", "string");
    return m;
  }

  private static String hash(JsonNode doc) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(doc.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
