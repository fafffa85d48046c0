package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.StackTrieBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * State and storage roots of an {@link InMemoryState}, computed from scratch: the secure tries
 * (keys hashed with keccak-256) are fed in hashed-key order to the trie module's streaming builder,
 * so no trie is materialized.
 */
final class StateRoots {
  private StateRoots() {}

  private record Leaf(byte[] key, byte[] value) {}

  static Hash stateRoot(InMemoryState state) {
    List<Leaf> leaves = new ArrayList<>(state.accounts().size());
    for (Map.Entry<Address, InMemoryState.Entry> e : state.accounts().entrySet()) {
      InMemoryState.Entry a = e.getValue();
      Hash storageRoot = a.storage.isEmpty() ? MerklePatriciaTrie.EMPTY_ROOT : state.storageRoot(a);
      Account account = new Account(a.nonce, a.balance, storageRoot, a.codeHash);
      leaves.add(new Leaf(Keccak256.hash(e.getKey().array()), account.toRlp()));
    }
    return root(leaves);
  }

  static Hash storageRoot(Map<UInt256, UInt256> storage) {
    List<Leaf> leaves = new ArrayList<>(storage.size());
    for (Map.Entry<UInt256, UInt256> e : storage.entrySet()) {
      if (e.getValue().isZero()) {
        continue;
      }
      byte[] value = new RlpWriter(40).writeUInt256(e.getValue()).toByteArray();
      leaves.add(new Leaf(Keccak256.hash(e.getKey().toBytes()), value));
    }
    return root(leaves);
  }

  private static Hash root(List<Leaf> leaves) {
    leaves.sort((x, y) -> Arrays.compareUnsigned(x.key(), y.key()));
    StackTrieBuilder builder = new StackTrieBuilder();
    for (Leaf leaf : leaves) {
      builder.add(leaf.key(), leaf.value());
    }
    return builder.rootHash();
  }
}
