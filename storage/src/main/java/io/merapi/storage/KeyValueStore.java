package io.merapi.storage;

import java.util.Optional;

/**
 * A byte-keyed store split into {@link Column}s: what the chain keeps on disk (trie nodes, headers,
 * bodies, receipts, indexes). Single writes are atomic; writes that must land together go through
 * one {@link WriteBatch}. Keys are ordered as unsigned bytes. Implementations are thread-safe, and
 * copy what they are given and what they return.
 */
public interface KeyValueStore extends AutoCloseable {
  Optional<byte[]> get(Column column, byte[] key);

  default boolean contains(Column column, byte[] key) {
    return get(column, key).isPresent();
  }

  void put(Column column, byte[] key, byte[] value);

  void delete(Column column, byte[] key);

  /** A new, empty batch; nothing is written before its {@link WriteBatch#commit()}. */
  WriteBatch batch();

  /** The pairs of {@code column} within {@code range}, ascending. Close the iterator after use. */
  KeyValueIterator iterate(Column column, KeyRange range);

  @Override
  void close();
}
