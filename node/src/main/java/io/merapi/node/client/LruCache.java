package io.merapi.node.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bounded map that forgets the least recently used entry first (op-service's {@code caching.LRU}
 * in the RPC sources), for data addressed by block hash: a hash never names other data, so entries
 * need no invalidation. Lookups and additions are reported to a {@link Listener} (cache metrics)
 * under this cache's type label.
 */
public final class LruCache<K, V> {
  /** Told of every lookup and addition (op-node's {@code *_source_cache_*} metrics). */
  public interface Listener {
    Listener NONE =
        new Listener() {
          @Override
          public void cacheGet(String type, boolean hit) {}

          @Override
          public void cacheAdd(String type, int size, boolean evicted) {}
        };

    void cacheGet(String type, boolean hit);

    void cacheAdd(String type, int size, boolean evicted);
  }

  private final String type;
  private final int capacity;
  private final Listener listener;
  private final LinkedHashMap<K, V> entries;

  public LruCache(String type, int capacity, Listener listener) {
    if (capacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
    }
    this.type = Objects.requireNonNull(type, "type");
    this.capacity = capacity;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  public synchronized Optional<V> get(K key) {
    V value = entries.get(key);
    listener.cacheGet(type, value != null);
    return Optional.ofNullable(value);
  }

  public synchronized void put(K key, V value) {
    boolean evicted = false;
    if (!entries.containsKey(key) && entries.size() >= capacity) {
      Map.Entry<K, V> eldest = entries.entrySet().iterator().next();
      entries.remove(eldest.getKey());
      evicted = true;
    }
    entries.put(key, value);
    listener.cacheAdd(type, entries.size(), evicted);
  }

  public synchronized int size() {
    return entries.size();
  }
}
