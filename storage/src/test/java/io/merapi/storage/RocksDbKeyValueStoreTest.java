package io.merapi.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbKeyValueStoreTest extends KeyValueStoreContract {
  @TempDir Path directory;

  @Override
  protected KeyValueStore newStore() {
    return RocksDbKeyValueStore.open(directory.resolve("db"), RocksDbConfig.small());
  }

  @Test
  void whatIsWrittenIsThereAfterReopening() {
    store.put(Column.HEADERS, b(1), b(2));
    try (WriteBatch batch = store.batch()) {
      batch.put(Column.TRIE_NODES, b(3), b(4)).commit();
    }
    store.close();
    store = newStore();
    assertThat(store.get(Column.HEADERS, b(1)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(2));
    assertThat(store.get(Column.TRIE_NODES, b(3)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(4));
  }

  @Test
  void aStoreOpenElsewhereIsReportedAsLocked() {
    assertThatThrownBy(this::newStore)
        .isInstanceOf(StoreLockedException.class)
        .hasMessageContaining("in use");
  }

  @Test
  void corruptedFilesAreReportedAsCorruption() throws IOException {
    for (int i = 0; i < 2000; i++) {
      store.put(Column.TRIE_NODES, new byte[] {(byte) (i >> 8), (byte) i}, new byte[100]);
    }
    ((RocksDbKeyValueStore) store).flush();
    store.close();
    List<Path> tables;
    try (Stream<Path> files = Files.list(directory.resolve("db"))) {
      tables = files.filter(p -> p.toString().endsWith(".sst")).toList();
    }
    assertThat(tables).isNotEmpty();
    for (Path table : tables) {
      try (RandomAccessFile file = new RandomAccessFile(table.toFile(), "rw")) {
        for (long at = 0; at < file.length() / 2; at += 97) {
          file.seek(at);
          file.write(0x5a);
        }
      }
    }
    assertThatThrownBy(
            () -> {
              store = newStore();
              for (int i = 0; i < 2000; i++) {
                store.get(Column.TRIE_NODES, new byte[] {(byte) (i >> 8), (byte) i});
              }
            })
        .isInstanceOf(StoreCorruptedException.class)
        .hasMessageContaining("corrupted");
  }

  @Test
  void aMissingDirectoryIsCreated() {
    Path nested = directory.resolve("a/b/c");
    try (RocksDbKeyValueStore created = RocksDbKeyValueStore.open(nested, RocksDbConfig.small())) {
      created.put(Column.CODE, b(1), b(1));
    }
    assertThat(nested.resolve("CURRENT")).exists();
  }
}
