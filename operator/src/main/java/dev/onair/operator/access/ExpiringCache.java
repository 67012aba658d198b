package dev.onair.operator.access;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Answers remembered for a short time. Bounded: once full, expired answers are dropped, and if that
 * is not enough the new answer is not remembered, so a caller cycling through tokens can neither
 * grow the heap nor evict everyone else's answers.
 */
final class ExpiringCache<K, V> {
  private record Entry<V>(V value, long expiresAtNanos) {}

  private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoClock;

  ExpiringCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoClock = nanoClock;
  }

  Optional<V> get(K key) {
    Entry<V> e = entries.get(key);
    if (e == null || nanoClock.getAsLong() - e.expiresAtNanos >= 0) {
      return Optional.empty();
    }
    return Optional.of(e.value);
  }

  void put(K key, V value) {
    long now = nanoClock.getAsLong();
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> now - e.expiresAtNanos >= 0);
      if (entries.size() >= maxEntries) {
        return;
      }
    }
    entries.put(key, new Entry<>(value, now + ttlNanos));
  }

  int size() {
    return entries.size();
  }
}
