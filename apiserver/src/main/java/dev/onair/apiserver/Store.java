package dev.onair.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The stand-in's etcd: every object by storage key, one revision counter for the whole store (as
 * etcd's), a bounded history of changes per key so a watch can resume from a resourceVersion, and
 * the watchers to tell. Every method hands out copies; callers never share the stored nodes.
 */
final class Store {
  /** How many changes per kind a watch can resume across; older ones answer 410 Gone. */
  static final int HISTORY = 20_000;

  private final Map<String, TreeMap<String, ObjectNode>> objects = new HashMap<>();
  private final Map<String, Deque<WatchEvent>> history = new HashMap<>();
  private final Map<String, List<Subscriber>> subscribers = new HashMap<>();
  private long revision = 1;

  /** The objects of one kind at one revision. */
  record Snapshot(List<ObjectNode> items, long revision) {}

  /** Receives the changes of one kind, in order. */
  interface Subscriber extends Consumer<WatchEvent> {}

  private static String id(String namespace, String name) {
    return (namespace == null ? "" : namespace) + "/" + name;
  }

  synchronized long revision() {
    return revision;
  }

  synchronized ObjectNode get(String key, String namespace, String name) {
    ObjectNode o = objects.getOrDefault(key, new TreeMap<>()).get(id(namespace, name));
    return o == null ? null : o.deepCopy();
  }

  /** Every object of {@code key} in {@code namespace} (all namespaces when null). */
  synchronized Snapshot list(String key, String namespace) {
    List<ObjectNode> items = new ArrayList<>();
    for (ObjectNode o : objects.getOrDefault(key, new TreeMap<>()).values()) {
      if (namespace == null || namespace.equals(o.path("metadata").path("namespace").asText())) {
        items.add(o.deepCopy());
      }
    }
    return new Snapshot(items, revision);
  }

  /** Stores a new object; false when one of that name exists. Sets its resourceVersion. */
  synchronized ObjectNode create(String key, ObjectNode object) {
    String id = id(namespaceOf(object), nameOf(object));
    TreeMap<String, ObjectNode> kind = objects.computeIfAbsent(key, k -> new TreeMap<>());
    if (kind.containsKey(id)) {
      return null;
    }
    ObjectNode stored = stamp(object);
    kind.put(id, stored);
    publish(key, new WatchEvent("ADDED", null, stored, revision));
    return stored.deepCopy();
  }

  /**
   * Replaces an object if its stored resourceVersion is still {@code expectedRevision}; null when
   * it changed meanwhile (or is gone).
   */
  synchronized ObjectNode update(String key, ObjectNode object, String expectedRevision) {
    String id = id(namespaceOf(object), nameOf(object));
    TreeMap<String, ObjectNode> kind = objects.computeIfAbsent(key, k -> new TreeMap<>());
    ObjectNode current = kind.get(id);
    if (current == null
        || !current.path("metadata").path("resourceVersion").asText().equals(expectedRevision)) {
      return null;
    }
    ObjectNode stored = stamp(object);
    kind.put(id, stored);
    publish(key, new WatchEvent("MODIFIED", current, stored, revision));
    return stored.deepCopy();
  }

  /** Removes an object; returns it as deleted (with a new resourceVersion), or null. */
  synchronized ObjectNode delete(String key, String namespace, String name) {
    TreeMap<String, ObjectNode> kind = objects.getOrDefault(key, new TreeMap<>());
    ObjectNode current = kind.remove(id(namespace, name));
    if (current == null) {
      return null;
    }
    ObjectNode gone = stamp(current);
    publish(key, new WatchEvent("DELETED", current, gone, revision));
    return gone.deepCopy();
  }

  /** Every storage key that holds objects, for the garbage collector and namespace deletion. */
  synchronized List<String> keys() {
    return new ArrayList<>(objects.keySet());
  }

  /**
   * Subscribes to {@code key}; first replays what happened after {@code sinceRevision} (or, when it
   * is negative, the current objects as ADDED), so nothing is lost between list and watch. Returns
   * null when that revision is older than the history kept (the caller answers 410).
   */
  synchronized Runnable subscribe(String key, long sinceRevision, Subscriber subscriber) {
    if (sinceRevision < 0) {
      for (ObjectNode o : objects.getOrDefault(key, new TreeMap<>()).values()) {
        subscriber.accept(new WatchEvent("ADDED", null, o.deepCopy(), revision));
      }
    } else {
      Deque<WatchEvent> past = history.getOrDefault(key, new ArrayDeque<>());
      if (!past.isEmpty()
          && past.peekFirst().revision() > sinceRevision + 1
          && past.size() >= HISTORY) {
        return null;
      }
      for (WatchEvent e : past) {
        if (e.revision() > sinceRevision) {
          subscriber.accept(copy(e));
        }
      }
    }
    List<Subscriber> list = subscribers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
    list.add(subscriber);
    return () -> list.remove(subscriber);
  }

  private static WatchEvent copy(WatchEvent e) {
    return new WatchEvent(
        e.type(),
        e.before() == null ? null : e.before().deepCopy(),
        e.after().deepCopy(),
        e.revision());
  }

  private ObjectNode stamp(ObjectNode object) {
    ObjectNode stored = object.deepCopy();
    revision++;
    ((ObjectNode) stored.path("metadata")).put("resourceVersion", Long.toString(revision));
    return stored;
  }

  private void publish(String key, WatchEvent event) {
    Deque<WatchEvent> past = history.computeIfAbsent(key, k -> new ArrayDeque<>());
    past.addLast(event);
    if (past.size() > HISTORY) {
      past.removeFirst();
    }
    for (Subscriber s : subscribers.getOrDefault(key, List.of())) {
      s.accept(copy(event));
    }
  }

  static String nameOf(ObjectNode o) {
    return o.path("metadata").path("name").asText();
  }

  static String namespaceOf(ObjectNode o) {
    String ns = o.path("metadata").path("namespace").asText("");
    return ns.isEmpty() ? null : ns;
  }
}
