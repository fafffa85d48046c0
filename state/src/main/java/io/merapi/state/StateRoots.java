package io.merapi.state;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.TreeMap;

/** State and storage roots of an {@link InMemoryState}. */
final class StateRoots {
  private StateRoots() {}

  static Hash stateRoot(InMemoryState state) {
    throw new UnsupportedOperationException("waiting for the trie module");
  }

  static Hash storageRoot(TreeMap<UInt256, UInt256> storage) {
    throw new UnsupportedOperationException("waiting for the trie module");
  }
}
