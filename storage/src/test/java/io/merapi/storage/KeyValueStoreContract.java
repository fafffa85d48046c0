package io.merapi.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KeyValueStore} must do; each implementation's test extends this. */
abstract class KeyValueStoreContract {
  protected KeyValueStore store;

  protected abstract KeyValueStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  @Test
  void columnsAreSeparateKeySpaces() {
    store.put(Column.HEADERS, b(1), b(10));
    store.put(Column.BODIES, b(1), b(20));
    assertThat(store.get(Column.HEADERS, b(1)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(10));
    assertThat(store.get(Column.BODIES, b(1)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(20));
    assertThat(store.get(Column.RECEIPTS, b(1))).isEmpty();
    store.delete(Column.HEADERS, b(1));
    assertThat(store.contains(Column.HEADERS, b(1))).isFalse();
    assertThat(store.contains(Column.BODIES, b(1))).isTrue();
  }

  @Test
  void storesCopiesNotTheCallersArrays() {
    byte[] key = b(1);
    byte[] value = b(2);
    store.put(Column.METADATA, key, value);
    value[0] = 9;
    byte[] read = store.get(Column.METADATA, b(1)).orElseThrow();
    read[0] = 7;
    assertThat(store.get(Column.METADATA, b(1)))
        .hasValueSatisfying(v -> assertThat(v).containsExactly(2));
  }

  @Test
  void aBatchLandsWholeOnCommitAndNotBefore() {
    store.put(Column.CANONICAL, b(3), b(3));
    try (WriteBatch batch = store.batch()) {
      batch.put(Column.CANONICAL, b(1), b(1)).put(Column.TX_LOOKUP, b(2), b(2));
      batch.delete(Column.CANONICAL, b(3));
      assertThat(batch.size()).isEqualTo(3);
      assertThat(store.get(Column.CANONICAL, b(1))).isEmpty();
      batch.commit();
      assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class);
    }
    assertThat(store.get(Column.CANONICAL, b(1))).isPresent();
    assertThat(store.get(Column.TX_LOOKUP, b(2))).isPresent();
    assertThat(store.get(Column.CANONICAL, b(3))).isEmpty();
  }

  @Test
  void aClosedBatchIsDropped() {
    try (WriteBatch batch = store.batch()) {
      batch.put(Column.CODE, b(1), b(1));
    }
    assertThat(store.get(Column.CODE, b(1))).isEmpty();
  }

  @Test
  void iteratesRangesInUnsignedOrder() {
    int[][] keys = {
      {0x00}, {0x01}, {0x01, 0x00}, {0x01, 0xff}, {0x02}, {0x7f}, {0x80}, {0xff}, {0xff, 0xff}
    };
    for (int[] k : keys) {
      store.put(Column.ACCOUNTS, b(k), b(1));
    }
    store.put(Column.STORAGE, b(0x01, 0x05), b(1));
    assertThat(keys(KeyRange.all())).hasSize(keys.length);
    assertThat(keys(KeyRange.all()).getFirst()).isEqualTo(Bytes.of(b(0x00)));
    assertThat(keys(KeyRange.all()).getLast()).isEqualTo(Bytes.of(b(0xff, 0xff)));
    assertThat(keys(KeyRange.prefix(b(0x01))))
        .containsExactly(Bytes.of(b(0x01)), Bytes.of(b(0x01, 0x00)), Bytes.of(b(0x01, 0xff)));
    assertThat(keys(KeyRange.prefix(b(0xff))))
        .containsExactly(Bytes.of(b(0xff)), Bytes.of(b(0xff, 0xff)));
    assertThat(keys(KeyRange.between(b(0x02), b(0x80))))
        .containsExactly(Bytes.of(b(0x02)), Bytes.of(b(0x7f)));
    assertThat(keys(KeyRange.startingAt(b(0x80)))).hasSize(3);
    assertThat(keys(KeyRange.between(b(0x02), b(0x02)))).isEmpty();
    assertThatThrownBy(() -> KeyRange.between(b(0x03), b(0x02)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedStoreRefusesWork() {
    store.put(Column.METADATA, b(1), b(1));
    KeyValueIterator open = store.iterate(Column.METADATA, KeyRange.all());
    store.close();
    assertThatThrownBy(() -> store.get(Column.METADATA, b(1))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.put(Column.METADATA, b(1), b(1)))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(open::hasNext).isInstanceOf(StorageException.class);
    open.close();
    store.close(); // twice is fine
  }

  private List<Bytes> keys(KeyRange range) {
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator it = store.iterate(Column.ACCOUNTS, range)) {
      it.forEachRemaining(kv -> keys.add(kv.key()));
    }
    return keys;
  }
}
