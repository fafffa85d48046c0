package io.merapi.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.ProofVerifier;
import io.merapi.trie.SecureTrie;
import io.merapi.trie.StackTrieBuilder;
import io.merapi.trie.TrieCommit;
import io.merapi.trie.TrieEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrieNodeStoreTest {
  @TempDir Path directory;

  private static byte[] key(int i) {
    return new byte[] {(byte) (i >> 8), (byte) i};
  }

  private static byte[] value(int i, int version) {
    return ("value " + i + " v" + version + " padded so that leaves are hashed").getBytes();
  }

  @Test
  void triesCommittedToRocksDbOpenAtEveryRootAfterReopening() {
    Hash first;
    Hash second;
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small())) {
      TrieNodeStore nodes = new TrieNodeStore(store);
      SecureTrie trie = new SecureTrie();
      for (int i = 0; i < 2000; i++) {
        trie.put(key(i), value(i, 1));
      }
      TrieCommit commit = trie.commit();
      nodes.write(commit);
      first = commit.root();

      // Lazily loaded from the store, changed, committed again: only the changed paths.
      SecureTrie reopened = nodes.openSecure(first);
      for (int i = 0; i < 2000; i += 100) {
        reopened.put(key(i), value(i, 2));
      }
      reopened.delete(key(1));
      TrieCommit update = reopened.commit();
      assertThat(update.nodes().size()).isLessThan(commit.nodes().size() / 4);
      try (WriteBatch batch = store.batch()) {
        nodes.addTo(batch, update);
        batch.put(Column.METADATA, "head-state".getBytes(), update.root().array());
        batch.commit();
      }
      second = update.root();
    }
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small())) {
      TrieNodeStore nodes = new TrieNodeStore(store);
      assertThat(store.get(Column.METADATA, "head-state".getBytes()))
          .hasValueSatisfying(v -> assertThat(Hash.wrap(v)).isEqualTo(second));
      SecureTrie old = nodes.openSecure(first);
      SecureTrie now = nodes.openSecure(second);
      assertThat(old.get(key(100))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value(100, 1)));
      assertThat(now.get(key(100))).hasValueSatisfying(v -> assertThat(v).isEqualTo(value(100, 2)));
      assertThat(old.get(key(1))).isPresent();
      assertThat(now.get(key(1))).isEmpty();

      // Every entry is there: the root rebuilt from the stored entries is the stored root.
      MerklePatriciaTrie hashed = nodes.open(second);
      StackTrieBuilder rebuilt = new StackTrieBuilder();
      int count = 0;
      for (TrieEntry e : hashed) {
        rebuilt.add(e.key().array(), e.value().array());
        count++;
      }
      assertThat(count).isEqualTo(1999);
      assertThat(rebuilt.rootHash()).isEqualTo(second);

      List<Bytes> proof = now.prove(key(100));
      assertThat(ProofVerifier.verify(second, Keccak256.hash(key(100)), proof))
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(value(100, 2)));
    }
  }

  @Test
  void bulkBuiltTriesAreStoredThroughTheBuildersSink() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    TrieNodeStore nodes = new TrieNodeStore(store);
    Hash root;
    try (WriteBatch batch = store.batch()) {
      StackTrieBuilder builder =
          new StackTrieBuilder(
              n -> batch.put(Column.TRIE_NODES, n.hash().array(), n.rlp().array()));
      for (int i = 0; i < 5000; i++) {
        builder.add(key(i), value(i, 1));
      }
      root = builder.rootHash();
      batch.commit();
    }
    MerklePatriciaTrie trie = nodes.open(root);
    assertThat(trie.get(key(4321)))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(value(4321, 1)));
    trie.put(key(4321), value(4321, 2));
    MerklePatriciaTrie fresh = new MerklePatriciaTrie();
    for (int i = 0; i < 5000; i++) {
      fresh.put(key(i), value(i, i == 4321 ? 2 : 1));
    }
    assertThat(trie.rootHash()).isEqualTo(fresh.rootHash());
  }
}
