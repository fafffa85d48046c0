package io.merapi.node.l1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded map that forgets the least recently used entry first, for data addressed by block hash
 * (which never changes, so entries need no invalidation). Lookups and additions are reported to
 * {@link L1SourceMetrics} under this cache's type label.
 */
final class LruCache<K, V> {
  private final String type;
  private final int capacity;
  private final L1SourceMetrics metrics;
  private final LinkedHashMap<K, V> entries;

  LruCache(String type, int capacity, L1SourceMetrics metrics) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
    }
    this.type = type;
    this.capacity = capacity;
    this.metrics = metrics;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  synchronized Optional<V> get(K key) {
    V value = entries.get(key);
    metrics.cacheGet(type, value != null);
    return Optional.ofNullable(value);
  }

  synchronized void put(K key, V value) {
    boolean evicted = false;
    if (!entries.containsKey(key) && entries.size() >= capacity) {
      Map.Entry<K, V> eldest = entries.entrySet().iterator().next();
      entries.remove(eldest.getKey());
      evicted = true;
    }
    entries.put(key, value);
    metrics.cacheAdd(type, entries.size(), evicted);
  }

  synchronized int size() {
    return entries.size();
  }
}
