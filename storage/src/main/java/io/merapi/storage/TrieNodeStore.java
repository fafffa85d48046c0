package io.merapi.storage;

import io.merapi.base.bytes.Hash;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.NodeSource;
import io.merapi.trie.SecureTrie;
import io.merapi.trie.TrieCommit;
import java.util.Optional;

/**
 * Trie nodes in a {@link KeyValueStore}, keyed by their hash in {@link Column#TRIE_NODES}: the node
 * source tries load from, and the place their commits go. Nodes are content-addressed, so tries at
 * every stored root share their common nodes and writing a node twice is harmless. Nothing is ever
 * deleted here (no pruning yet).
 */
public final class TrieNodeStore implements NodeSource {
  private final KeyValueStore store;

  public TrieNodeStore(KeyValueStore store) {
    this.store = store;
  }

  @Override
  public Optional<byte[]> node(Hash hash) {
    return store.get(Column.TRIE_NODES, hash.array());
  }

  /** The trie at {@code root}, loading its nodes from here as it needs them. */
  public MerklePatriciaTrie open(Hash root) {
    return MerklePatriciaTrie.open(root, this);
  }

  public SecureTrie openSecure(Hash root) {
    return SecureTrie.open(root, this);
  }

  /** Stores a commit's nodes in one atomic batch. */
  public void write(TrieCommit commit) {
    try (WriteBatch batch = store.batch()) {
      addTo(batch, commit);
      batch.commit();
    }
  }

  /**
   * Adds a commit's nodes to a batch the caller also fills with other writes (a block and the state
   * it commits to, landing together).
   */
  public void addTo(WriteBatch batch, TrieCommit commit) {
    for (EncodedNode node : commit.nodes()) {
      batch.put(Column.TRIE_NODES, node.hash().array(), node.rlp().array());
    }
  }
}
