package io.merapi.faultproof.kvstore;

import io.merapi.faultproof.preimage.PreimageKey;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pre-images in memory, for a host without {@code --datadir} and for tests. */
public final class MemoryKvStore implements KvStore {
  private final ConcurrentHashMap<PreimageKey, byte[]> values = new ConcurrentHashMap<>();

  @Override
  public void put(PreimageKey key, byte[] value) {
    values.put(key, value.clone());
  }

  @Override
  public Optional<byte[]> get(PreimageKey key) {
    byte[] value = values.get(key);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  public int size() {
    return values.size();
  }
}
