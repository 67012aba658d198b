package dev.onair.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the server serves: the built-in ones from the start, and one per served version of
 * every CustomResourceDefinition stored, as kube-apiserver's apiextensions handler adds them.
 */
public final class Registry {
  private final Map<String, ResourceType> builtins = new ConcurrentHashMap<>();
  private final Map<String, List<ResourceType>> crdTypesByCrdName = new ConcurrentHashMap<>();

  public Registry() {
    for (ResourceType t : BuiltinTypes.all()) {
      builtins.put(key(t.group(), t.version(), t.plural()), t);
    }
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }

  /** Every served kind, built-in first. */
  public Collection<ResourceType> all() {
    List<ResourceType> all = new ArrayList<>(builtins.values());
    crdTypesByCrdName.values().forEach(all::addAll);
    return all;
  }

  public Optional<ResourceType> find(String group, String version, String plural) {
    ResourceType t = builtins.get(key(group, version, plural));
    if (t != null) {
      return Optional.of(t);
    }
    for (List<ResourceType> types : crdTypesByCrdName.values()) {
      for (ResourceType c : types) {
        if (c.group().equals(group) && c.version().equals(version) && c.plural().equals(plural)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** The kind an object of {@code apiVersion}/{@code kind} is, as a create body names it. */
  public Optional<ResourceType> byKind(String apiVersion, String kind) {
    return all().stream()
        .filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind))
        .findFirst();
  }

  /** Serves the versions of a CRD just stored (or replaces them on update). */
  void crdStored(JsonNode crd) {
    crdTypesByCrdName.put(crd.path("metadata").path("name").asText(), CrdTypes.from(crd));
  }

  void crdDeleted(JsonNode crd) {
    crdTypesByCrdName.remove(crd.path("metadata").path("name").asText());
  }

  /** All the stored kinds that share one storage: every version of one CRD, or itself. */
  List<ResourceType> versionsOf(ResourceType type) {
    for (List<ResourceType> types : crdTypesByCrdName.values()) {
      if (types.contains(type)) {
        return types;
      }
    }
    return List.of(type);
  }
}
