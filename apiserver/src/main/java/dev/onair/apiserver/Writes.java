package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onair.apiserver.admission.Admission;
import dev.onair.apiserver.admission.FieldError;
import dev.onair.apiserver.patch.JsonPatch;
import dev.onair.apiserver.patch.ManagedFields;
import dev.onair.apiserver.patch.MergePatch;
import dev.onair.apiserver.patch.PatchException;
import dev.onair.apiserver.patch.ServerSideApply;
import dev.onair.apiserver.patch.StrategicMergePatch;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Create, update, patch and delete as kube-apiserver performs them: names and generateName, system
 * metadata, admission (pruning, schema, CEL), the status subresource, generation, the
 * resourceVersion precondition, managedFields, dry runs, finalizers and owner-based deletion.
 */
final class Writes {
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

  /** Built-in kinds whose objects carry metadata.generation (custom resources always do). */
  private static final Set<String> GENERATION_KINDS =
      Set.of("Deployment", "Job", "PodDisruptionBudget", "CustomResourceDefinition");

  private final Registry registry;
  private final Store store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<ResourceType, Admission> admissions = new ConcurrentHashMap<>();

  Writes(Registry registry, Store store, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
  }

  static String storageKey(ResourceType type) {
    return type.group() + "/" + type.plural();
  }

  /** The result of a write and the warnings kube-apiserver would send with it. */
  record Written(ObjectNode object, List<String> warnings, boolean created) {}

  // ---- create ----

  Written create(ResourceType type, String namespace, ObjectNode body, Call call) {
    List<String> warnings = new ArrayList<>();
    ObjectNode object = body.deepCopy();
    checkKind(type, object);
    ObjectNode meta = Json.metadata(object);
    if (type.namespaced()) {
      String bodyNs = meta.path("namespace").asText("");
      if (!bodyNs.isEmpty() && !bodyNs.equals(namespace)) {
        throw ApiException.badRequest(
            "the namespace of the provided object does not match the namespace sent on the"
                + " request");
      }
      requireNamespace(namespace);
      meta.put("namespace", namespace);
    } else {
      meta.remove("namespace");
    }
    if (meta.path("name").asText("").isEmpty()) {
      String prefix = meta.path("generateName").asText("");
      if (prefix.isEmpty()) {
        throw invalid(
            type,
            "",
            List.of(
                new FieldError(
                    "metadata.name",
                    FieldError.Type.REQUIRED,
                    null,
                    "name or generateName is required")));
      }
      meta.put("name", prefix + randomSuffix());
    }
    validateName(type, meta.path("name").asText());
    if (type.statusSubresource()) {
      object.remove("status");
    }
    if (type.kind().equals("Pod") && type.group().isEmpty()) {
      object.putObject("status").put("phase", "Pending");
    }
    if (type.kind().equals("Namespace") && type.group().isEmpty()) {
      object.putObject("status").put("phase", "Active");
    }
    admit(type, object, null, call, warnings);
    Instant now = clock.instant();
    meta.put("uid", UUID.randomUUID().toString());
    meta.put("creationTimestamp", Json.timestamp(now));
    meta.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds"));
    if (hasGeneration(type)) {
      meta.put("generation", 1);
    } else {
      meta.remove("generation");
    }
    meta.remove("managedFields");
    ManagedFields.recordUpdate(null, object, call.fieldManager(), "Update", type, null, now);
    if (type.kind().equals("CustomResourceDefinition")) {
      CustomResourceDefinitions.accept(object);
    }
    if (call.dryRun()) {
      return new Written(object, warnings, true);
    }
    ObjectNode stored = store.create(storageKey(type), object);
    if (stored == null) {
      throw ApiException.alreadyExists(type, meta.path("name").asText());
    }
    if (type.kind().equals("CustomResourceDefinition")) {
      registry.crdStored(stored);
    }
    return new Written(stored, warnings, true);
  }

  // ---- update ----

  Written update(ResourceType type, Target target, ObjectNode body, Call call) {
    checkKind(type, body);
    String bodyName = body.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(target.name())) {
      throw ApiException.badRequest(
          "the name of the object ("
              + bodyName
              + ") does not match the name on the URL ("
              + target.name()
              + ")");
    }
    ObjectNode live = store.get(storageKey(type), target.namespace(), target.name());
    if (live == null) {
      throw ApiException.notFound(type, target.name());
    }
    String rv = body.path("metadata").path("resourceVersion").asText("");
    if (rv.isEmpty() && isCustom(type)) {
      throw invalid(
          type,
          target.name(),
          List.of(
              new FieldError(
                  "metadata.resourceVersion",
                  FieldError.Type.INVALID,
                  Json.MAPPER.getNodeFactory().numberNode(0),
                  "must be specified for an update")));
    }
    if (!rv.isEmpty() && !rv.equals(live.path("metadata").path("resourceVersion").asText())) {
      throw ApiException.modified(type, target.name());
    }
    return commit(type, target, live, body.deepCopy(), call, "Update");
  }

  // ---- patch ----

  Written patch(ResourceType type, Target target, Call call) {
    String contentType = call.header("content-type");
    boolean apply = contentType.startsWith("application/apply-patch");
    for (int attempt = 0; ; attempt++) {
      ObjectNode live = store.get(storageKey(type), target.namespace(), target.name());
      if (live == null && !apply) {
        throw ApiException.notFound(type, target.name());
      }
      try {
        if (apply) {
          return applyPatch(type, target, live, call);
        }
        ObjectNode candidate = patched(type, live, contentType, call.body());
        String patchedRv = candidate.path("metadata").path("resourceVersion").asText("");
        String liveRv = live.path("metadata").path("resourceVersion").asText();
        if (!patchedRv.isEmpty() && !patchedRv.equals(liveRv)) {
          throw ApiException.modified(type, target.name());
        }
        Json.metadata(candidate).put("resourceVersion", liveRv);
        return commit(type, target, live, candidate, call, "Update");
      } catch (ConcurrentChange e) {
        // kube-apiserver retries a patch that carries no precondition against the newer object.
        if (attempt > 20) {
          throw ApiException.modified(type, target.name());
        }
      }
    }
  }

  private ObjectNode patched(ResourceType type, ObjectNode live, String contentType, byte[] body) {
    try {
      JsonNode patch = Json.tree(body);
      if (contentType.startsWith("application/json-patch+json")) {
        return (ObjectNode) JsonPatch.apply(live, patch);
      }
      if (contentType.startsWith("application/merge-patch+json")) {
        return (ObjectNode) MergePatch.apply(live, patch);
      }
      if (contentType.startsWith("application/strategic-merge-patch+json")) {
        if (isCustom(type)) {
          throw ApiException.unsupportedMediaType(
              "the body of the request was in an unknown format - accepted media types include:"
                  + " application/json-patch+json, application/merge-patch+json,"
                  + " application/apply-patch+yaml");
        }
        return (ObjectNode) StrategicMergePatch.apply(live, patch, type.kind());
      }
    } catch (PatchException e) {
      throw new ApiException(
          ApiException.status(e.code(), reasonOf(e.code()), e.getMessage(), null));
    }
    throw ApiException.unsupportedMediaType(
        "the body of the request was in an unknown format - accepted media types include:"
            + " application/json-patch+json, application/merge-patch+json,"
            + " application/apply-patch+yaml"
            + (isCustom(type) ? "" : ", application/strategic-merge-patch+json"));
  }

  private static String reasonOf(int code) {
    return switch (code) {
      case 409 -> "Conflict";
      case 415 -> "UnsupportedMediaType";
      case 400 -> "BadRequest";
      default -> "Invalid";
    };
  }

  private Written applyPatch(ResourceType type, Target target, ObjectNode live, Call call) {
    String manager = call.param("fieldManager");
    if (manager == null || manager.isEmpty()) {
      throw ApiException.badRequest(
          "PATCH "
              + call.path()
              + ": fieldManager is required for apply requests; set it with the fieldManager"
              + " query parameter");
    }
    ObjectNode applied = Json.object(call.body(), true);
    checkKind(type, applied);
    String appliedName = applied.path("metadata").path("name").asText("");
    if (!appliedName.isEmpty() && !appliedName.equals(target.name())) {
      throw ApiException.badRequest(
          "the name of the object ("
              + appliedName
              + ") does not match the name on the URL ("
              + target.name()
              + ")");
    }
    boolean force = call.flag("force");
    Instant now = clock.instant();
    try {
      if (live == null) {
        Json.metadata(applied).put("name", target.name());
        ObjectNode created =
            ServerSideApply.apply(null, applied, manager, force, type, now, target.subresource());
        Call asCreate =
            new Call(call.method(), call.path(), call.query(), call.headers(), new byte[0]);
        Written w = createApplied(type, target.namespace(), created, asCreate);
        return w;
      }
      ObjectNode merged =
          ServerSideApply.apply(live, applied, manager, force, type, now, target.subresource());
      String appliedRv = applied.path("metadata").path("resourceVersion").asText("");
      String liveRv = live.path("metadata").path("resourceVersion").asText();
      if (!appliedRv.isEmpty() && !appliedRv.equals(liveRv)) {
        throw ApiException.modified(type, target.name());
      }
      Json.metadata(merged).put("resourceVersion", liveRv);
      return commit(type, target, live, merged, call, null);
    } catch (PatchException e) {
      throw new ApiException(
          ApiException.status(e.code(), reasonOf(e.code()), e.getMessage(), null));
    }
  }

  /** A create whose managedFields the apply already wrote. */
  private Written createApplied(ResourceType type, String namespace, ObjectNode object, Call call) {
    JsonNode managed = object.path("metadata").path("managedFields").deepCopy();
    Written w = create(type, namespace, object, call);
    if (call.dryRun()) {
      return w;
    }
    // create() recorded an Update by the caller; the apply's own entry is the truth.
    ObjectNode fixed = w.object().deepCopy();
    Json.metadata(fixed).set("managedFields", managed);
    ObjectNode stored =
        store.update(
            storageKey(type), fixed, w.object().path("metadata").path("resourceVersion").asText());
    return new Written(stored == null ? w.object() : stored, w.warnings(), true);
  }

  /**
   * The common tail of update and patch: subresource rules, system metadata, generation, admission,
   * managedFields, finalizers, then a compare-and-set write.
   */
  private Written commit(
      ResourceType type,
      Target target,
      ObjectNode live,
      ObjectNode candidate,
      Call call,
      String operation) {
    List<String> warnings = new ArrayList<>();
    boolean statusWrite = "status".equals(target.subresource());
    ObjectNode next;
    if (statusWrite) {
      next = live.deepCopy();
      if (candidate.has("status")) {
        next.set("status", candidate.get("status"));
      } else {
        next.remove("status");
      }
    } else {
      next = candidate;
      if (type.statusSubresource()) {
        if (live.has("status")) {
          next.set("status", live.get("status"));
        } else {
          next.remove("status");
        }
      }
    }
    ObjectNode meta = Json.metadata(next);
    JsonNode liveMeta = live.get("metadata");
    for (String f :
        List.of(
            "uid",
            "creationTimestamp",
            "namespace",
            "name",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation")) {
      if (liveMeta.has(f)) {
        meta.set(f, liveMeta.get(f));
      } else {
        meta.remove(f);
      }
    }
    meta.put("resourceVersion", liveMeta.path("resourceVersion").asText());
    if (statusWrite) {
      for (String f : List.of("labels", "annotations", "finalizers", "ownerReferences")) {
        if (liveMeta.has(f)) {
          meta.set(f, liveMeta.get(f));
        } else {
          meta.remove(f);
        }
      }
    }
    checkKind(type, next);
    if (hasGeneration(type) && !statusWrite && specChanged(type, live, next)) {
      meta.put("generation", liveMeta.path("generation").asLong(1) + 1);
    }
    if (!statusWrite) {
      admit(type, next, live, call, warnings);
    } else {
      admitStatus(type, next, live, call, warnings);
    }
    if (withoutVolatile(next).equals(withoutVolatile(live))) {
      return new Written(live, warnings, false);
    }
    if (operation != null) {
      ManagedFields.recordUpdate(
          live, next, call.fieldManager(), operation, type, target.subresource(), clock.instant());
    }
    if (call.dryRun()) {
      return new Written(next, warnings, false);
    }
    boolean finishDeletion = meta.has("deletionTimestamp") && meta.path("finalizers").isEmpty();
    ObjectNode stored =
        store.update(storageKey(type), next, liveMeta.path("resourceVersion").asText());
    if (stored == null) {
      throw new ConcurrentChange();
    }
    if (type.kind().equals("CustomResourceDefinition")) {
      registry.crdStored(stored);
    }
    if (finishDeletion) {
      ObjectNode gone = store.delete(storageKey(type), target.namespace(), target.name());
      if (gone != null) {
        afterDelete(type, gone, "Background");
        return new Written(gone, warnings, false);
      }
    }
    return new Written(stored, warnings, false);
  }

  /** Thrown when another write got in between read and compare-and-set. */
  static final class ConcurrentChange extends RuntimeException {
    ConcurrentChange() {
      super(null, null, false, false);
    }
  }

  // ---- delete ----

  ObjectNode delete(ResourceType type, Target target, Call call) {
    JsonNode options =
        call.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.tree(call.body());
    boolean dryRun = call.dryRun() || options.path("dryRun").toString().contains("All");
    String propagation =
        options
            .path("propagationPolicy")
            .asText(call.query().getOrDefault("propagationPolicy", "Background"));
    for (int attempt = 0; attempt < 20; attempt++) {
      ObjectNode live = store.get(storageKey(type), target.namespace(), target.name());
      if (live == null) {
        throw ApiException.notFound(type, target.name());
      }
      JsonNode pre = options.path("preconditions");
      ObjectNode liveMeta = Json.metadata(live);
      if (pre.has("uid") && !pre.get("uid").asText().equals(liveMeta.path("uid").asText())) {
        throw ApiException.conflict(
            type,
            target.name(),
            "Precondition failed: UID in precondition: "
                + pre.get("uid").asText()
                + ", UID in object meta: "
                + liveMeta.path("uid").asText());
      }
      if (pre.has("resourceVersion")
          && !pre.get("resourceVersion")
              .asText()
              .equals(liveMeta.path("resourceVersion").asText())) {
        throw ApiException.conflict(
            type,
            target.name(),
            "Precondition failed: ResourceVersion in precondition: "
                + pre.get("resourceVersion").asText()
                + ", ResourceVersion in object meta: "
                + liveMeta.path("resourceVersion").asText());
      }
      if (dryRun) {
        return live;
      }
      if (!liveMeta.path("finalizers").isEmpty()) {
        if (liveMeta.has("deletionTimestamp")) {
          return live;
        }
        ObjectNode terminating = live.deepCopy();
        ObjectNode m = Json.metadata(terminating);
        m.put("deletionTimestamp", Json.timestamp(clock.instant()));
        m.put("deletionGracePeriodSeconds", 0);
        if (hasGeneration(type)) {
          m.put("generation", liveMeta.path("generation").asLong(1) + 1);
        }
        ObjectNode stored =
            store.update(storageKey(type), terminating, liveMeta.path("resourceVersion").asText());
        if (stored != null) {
          return stored;
        }
        continue;
      }
      ObjectNode gone = store.delete(storageKey(type), target.namespace(), target.name());
      if (gone != null) {
        afterDelete(type, gone, propagation);
        return gone;
      }
    }
    throw ApiException.modified(type, target.name());
  }

  /** The garbage collector's and the namespace controller's part, done at once. */
  private void afterDelete(ResourceType type, ObjectNode gone, String propagation) {
    String uid = gone.path("metadata").path("uid").asText();
    if (type.kind().equals("CustomResourceDefinition")) {
      registry.crdDeleted(gone);
    }
    if (type.kind().equals("Namespace") && type.group().isEmpty()) {
      String ns = gone.path("metadata").path("name").asText();
      for (ResourceType t : registry.all()) {
        if (t.namespaced()) {
          for (ObjectNode o : store.list(storageKey(t), ns).items()) {
            deleteQuietly(t, o);
          }
        }
      }
    }
    for (ResourceType t : registry.all()) {
      for (ObjectNode o : store.list(storageKey(t), null).items()) {
        for (JsonNode ref : o.path("metadata").path("ownerReferences")) {
          if (ref.path("uid").asText().equals(uid)) {
            if ("Orphan".equals(propagation)) {
              orphan(t, o, uid);
            } else {
              deleteQuietly(t, o);
            }
          }
        }
      }
    }
  }

  private void deleteQuietly(ResourceType type, ObjectNode object) {
    ObjectNode meta = Json.metadata(object);
    Target t =
        new Target(
            type.group(),
            type.version(),
            Store.namespaceOf(object),
            type.plural(),
            meta.path("name").asText(),
            null);
    try {
      delete(type, t, new Call("DELETE", "", Map.of(), Map.of(), new byte[0]));
    } catch (ApiException e) {
      // already gone: someone else deleted it meanwhile
    }
  }

  private void orphan(ResourceType type, ObjectNode object, String ownerUid) {
    ObjectNode changed = object.deepCopy();
    var refs = Json.metadata(changed).withArray("ownerReferences");
    for (int i = refs.size() - 1; i >= 0; i--) {
      if (refs.get(i).path("uid").asText().equals(ownerUid)) {
        refs.remove(i);
      }
    }
    store.update(
        storageKey(type), changed, object.path("metadata").path("resourceVersion").asText());
  }

  // ---- shared checks ----

  private void admit(
      ResourceType type, ObjectNode object, ObjectNode old, Call call, List<String> warnings) {
    if (type.schema() == null) {
      return;
    }
    Admission admission = admissions.computeIfAbsent(type, Admission::of);
    List<String> unknown = admission.prune(object);
    String validation = call.query().getOrDefault("fieldValidation", "Warn");
    if (!unknown.isEmpty()) {
      if (validation.equals("Strict")) {
        String fields =
            String.join(", ", unknown.stream().map(f -> "unknown field \"" + f + "\"").toList());
        throw ApiException.badRequest(
            type.kind()
                + " in version \""
                + type.version()
                + "\" cannot be handled as a "
                + type.kind()
                + ": strict decoding error: "
                + fields);
      }
      if (validation.equals("Warn")) {
        unknown.forEach(f -> warnings.add("unknown field \"" + f + "\""));
      }
    }
    List<FieldError> errors = admission.validate(object, old);
    if (!errors.isEmpty()) {
      throw new ApiException(
          Admission.invalidStatus(type, object.path("metadata").path("name").asText(), errors));
    }
  }

  /** A status write is validated too (the status schema), with spec as stored. */
  private void admitStatus(
      ResourceType type, ObjectNode object, ObjectNode old, Call call, List<String> warnings) {
    admit(type, object, old, call, warnings);
  }

  private static ApiException invalid(ResourceType type, String name, List<FieldError> errors) {
    return new ApiException(Admission.invalidStatus(type, name, errors));
  }

  private void validateName(ResourceType type, String name) {
    boolean namespace = type.kind().equals("Namespace");
    Pattern p = namespace ? LABEL : SUBDOMAIN;
    int max = namespace ? 63 : 253;
    if (name.length() > max || !p.matcher(name).matches()) {
      String detail =
          namespace
              ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                  + " '-', and must start and end with an alphanumeric character (e.g. 'my-name', "
                  + " or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
              : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                  + " characters, '-' or '.', and must start and end with an alphanumeric character"
                  + " (e.g. 'example.com', regex used for validation is"
                  + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
      if (name.length() > max) {
        detail = "must be no more than " + max + " characters";
      }
      throw invalid(
          type,
          name,
          List.of(
              new FieldError(
                  "metadata.name",
                  FieldError.Type.INVALID,
                  Json.MAPPER.getNodeFactory().textNode(name),
                  detail)));
    }
  }

  private void requireNamespace(String namespace) {
    ResourceType ns = registry.find("", "v1", "namespaces").orElseThrow();
    if (store.get(storageKey(ns), null, namespace) == null) {
      throw ApiException.namespaceNotFound(namespace);
    }
  }

  private static void checkKind(ResourceType type, ObjectNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    String kind = object.path("kind").asText("");
    if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
      throw ApiException.badRequest(
          "the API version in the data ("
              + apiVersion
              + ") does not match the expected API version ("
              + type.apiVersion()
              + ")");
    }
    if (!kind.isEmpty() && !kind.equals(type.kind())) {
      throw ApiException.badRequest(
          "the kind in the data ("
              + kind
              + ") does not match the expected kind ("
              + type.kind()
              + ")");
    }
    object.put("apiVersion", type.apiVersion());
    object.put("kind", type.kind());
  }

  private static boolean isCustom(ResourceType type) {
    return type.schema() != null;
  }

  private static boolean hasGeneration(ResourceType type) {
    return isCustom(type) || GENERATION_KINDS.contains(type.kind());
  }

  /** Anything but metadata (and status, where status is a subresource) changed. */
  private static boolean specChanged(ResourceType type, ObjectNode before, ObjectNode after) {
    ObjectNode a = before.deepCopy();
    ObjectNode b = after.deepCopy();
    a.remove("metadata");
    b.remove("metadata");
    if (type.statusSubresource()) {
      a.remove("status");
      b.remove("status");
    }
    return !a.equals(b);
  }

  /** The object without the fields a no-op write would still change. */
  private static ObjectNode withoutVolatile(ObjectNode o) {
    ObjectNode c = o.deepCopy();
    Json.metadata(c).remove(List.of("managedFields", "resourceVersion"));
    return c;
  }

  private String randomSuffix() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      s.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
    }
    return s.toString();
  }
}
