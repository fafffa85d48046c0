package io.merapi.state.store;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.trie.EncodedNode;
import java.util.List;
import java.util.Map;

/**
 * A block's state changes made ready for storage: the new state root, the trie nodes under it that
 * are new (account and storage tries), the code first seen, and the flat-view diff. Written in one
 * atomic batch with the block, it moves the store from the parent's state to the block's.
 */
public record StateUpdate(
    Hash stateRoot, List<EncodedNode> nodes, Map<Hash, Bytes> codes, StateDiff diff) {
  public StateUpdate {
    nodes = List.copyOf(nodes);
    codes = Map.copyOf(codes);
  }
}
