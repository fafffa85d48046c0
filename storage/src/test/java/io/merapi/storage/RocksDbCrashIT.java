package io.merapi.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.StackTrieBuilder;
import io.merapi.trie.TrieEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of a stream of batch commits, several times over: each time the store
 * reopens, every batch up to the recorded count is whole, nothing of the next one is there, and the
 * trie at the recorded root is complete.
 */
class RocksDbCrashIT {
  @TempDir Path directory;

  @Test
  void killedWritersLeaveAConsistentStore() throws Exception {
    int previous = 0;
    for (int round = 0; round < 3; round++) {
      Process writer =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElseThrow(),
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashingWriter.class.getName(),
                  directory.toString())
              .redirectErrorStream(true)
              .start();
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(writer.getInputStream()))) {
        String line;
        while ((line = out.readLine()) != null && !line.equals("ready")) {
          System.out.println("writer: " + line);
        }
        assertThat(line).as("the writer started").isEqualTo("ready");
        Thread.sleep(150 + 200L * round);
        writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no close
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      previous = check(previous);
    }
  }

  private int check(int previous) {
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small())) {
      int count =
          ByteBuffer.wrap(store.get(Column.METADATA, CrashingWriter.COUNT).orElseThrow()).getInt();
      assertThat(count).isGreaterThanOrEqualTo(previous + 5);
      for (int b = 1; b <= count + 1; b++) {
        for (int i = 0; i < CrashingWriter.PER_BATCH; i++) {
          assertThat(store.get(Column.ACCOUNTS, CrashingWriter.key(b, i)).isPresent())
              .as("batch %d item %d of %d committed", b, i, count)
              .isEqualTo(b <= count);
        }
      }
      Hash root = Hash.wrap(store.get(Column.METADATA, CrashingWriter.ROOT).orElseThrow());
      MerklePatriciaTrie trie = new TrieNodeStore(store).open(root);
      StackTrieBuilder rebuilt = new StackTrieBuilder();
      int entries = 0;
      for (TrieEntry e : trie) {
        rebuilt.add(e.key().array(), e.value().array());
        entries++;
      }
      assertThat(entries).isEqualTo(count * CrashingWriter.PER_BATCH);
      assertThat(rebuilt.rootHash()).isEqualTo(root);
      System.out.println("reopened after kill -9: " + count + " whole batches, root " + root);
      return count;
    }
  }
}
