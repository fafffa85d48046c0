package io.merapi.faultproof.kvstore;

import io.merapi.faultproof.preimage.PreimageKey;
import java.io.IOException;
import java.util.Optional;

/**
 * The host's pre-images by key (op-program's {@code kvstore.KV}): what the prefetcher fetched, and
 * what an offline run serves. Safe for use from several threads.
 */
public interface KvStore extends AutoCloseable {
  void put(PreimageKey key, byte[] value) throws IOException;

  /** The value under {@code key}, or empty if the store does not have it. */
  Optional<byte[]> get(PreimageKey key) throws IOException;

  @Override
  default void close() throws IOException {}
}
