package io.merapi.storage;

import io.merapi.base.bytes.Hash;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.TrieCommit;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link RocksDbCrashIT}: commits batches (a trie commit, 100 flat entries
 * and the batch number with the new root) as fast as it can until it is killed.
 */
public final class CrashingWriter {
  static final byte[] COUNT = "count".getBytes();
  static final byte[] ROOT = "root".getBytes();
  static final int PER_BATCH = 100;

  private CrashingWriter() {}

  public static void main(String[] args) {
    Path directory = Path.of(args[0]);
    RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small());
    TrieNodeStore nodes = new TrieNodeStore(store);
    int done = store.get(Column.METADATA, COUNT).map(v -> ByteBuffer.wrap(v).getInt()).orElse(0);
    Hash root =
        store.get(Column.METADATA, ROOT).map(Hash::wrap).orElse(MerklePatriciaTrie.EMPTY_ROOT);
    MerklePatriciaTrie trie = nodes.open(root);
    for (int batchNumber = done + 1; ; batchNumber++) {
      for (int i = 0; i < PER_BATCH; i++) {
        trie.put(key(batchNumber, i), value(batchNumber, i));
      }
      TrieCommit commit = trie.commit();
      try (WriteBatch batch = store.batch()) {
        nodes.addTo(batch, commit);
        for (int i = 0; i < PER_BATCH; i++) {
          batch.put(Column.ACCOUNTS, key(batchNumber, i), value(batchNumber, i));
        }
        batch.put(Column.METADATA, COUNT, ByteBuffer.allocate(4).putInt(batchNumber).array());
        batch.put(Column.METADATA, ROOT, commit.root().array());
        batch.commit();
      }
      if (batchNumber == done + 5) {
        System.out.println("ready");
        System.out.flush();
      }
    }
  }

  static byte[] key(int batch, int i) {
    return ByteBuffer.allocate(8).putInt(batch).putInt(i).array();
  }

  static byte[] value(int batch, int i) {
    return ("batch " + batch + " item " + i + " with some padding to be hashed").getBytes();
  }
}
