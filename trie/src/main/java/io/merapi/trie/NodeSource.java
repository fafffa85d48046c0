package io.merapi.trie;

import io.merapi.base.bytes.Hash;
import java.util.Optional;

/**
 * Where a trie finds the nodes it has not loaded yet: stored node RLP by its keccak-256. The {@code
 * storage} module backs this with a key-value store; tests use a map.
 */
@FunctionalInterface
public interface NodeSource {
  /** A source that has no nodes, for tries built from nothing. */
  NodeSource NONE = hash -> Optional.empty();

  /** The RLP of the node whose keccak-256 is {@code hash}, or empty when it is not stored. */
  Optional<byte[]> node(Hash hash);
}
