package io.merapi.node.safedb;

import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.derive.L2BlockRef;
import io.merapi.storage.Column;
import io.merapi.storage.KeyRange;
import io.merapi.storage.KeyValue;
import io.merapi.storage.KeyValueIterator;
import io.merapi.storage.KeyValueStore;
import io.merapi.storage.RocksDbConfig;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.storage.StorageException;
import io.merapi.storage.WriteBatch;
import io.merapi.types.config.RollupConfig.BlockId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safe-head database in its own RocksDB store.
 *
 * <p>Layout: one entry per L1 block, key {@code 0x00 ++ uint64_be(~l1Number)}, value {@code l1Hash
 * ++ l2Hash ++ uint64_be(l2Number)} (72 bytes, as op-node stores it). The number is stored
 * complemented so that ascending key order is descending L1 order: the store iterates forward only,
 * and "the greatest L1 number at or below n" is then the first key at or after {@code key(n)}.
 *
 * <p>Writes are serialized (a reset reads and then writes) and each is one {@link WriteBatch}, so a
 * crash leaves either the old or the new records, never a half-applied reset. The store fsyncs its
 * log on every write, as op-node's does: a safe head once recorded survives a power loss too, and
 * there is about one write per L1 block.
 */
final class DiskSafeDb implements SafeDb {
  private static final Logger LOG = LoggerFactory.getLogger(DiskSafeDb.class);

  private static final byte SAFE_BY_L1_NUMBER = 0x00;
  private static final byte[] LAYOUT_KEY = "merapi-safedb-layout".getBytes(StandardCharsets.UTF_8);
  private static final byte[] LAYOUT_VERSION = {1};
  private static final int KEY_LENGTH = 9;
  private static final int VALUE_LENGTH = 72;
  private static final long MIB = 1024 * 1024;

  private final KeyValueStore store;
  private final Path directory;
  private boolean closed;

  private DiskSafeDb(KeyValueStore store, Path directory) {
    this.store = store;
    this.directory = directory;
  }

  static DiskSafeDb open(Path directory) {
    // Small: the database holds one 81-byte pair per L1 block.
    RocksDbConfig config = new RocksDbConfig(16 * MIB, 16 * MIB, 1, true);
    RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, config);
    try {
      Optional<byte[]> layout = store.get(Column.METADATA, LAYOUT_KEY);
      if (layout.isEmpty()) {
        store.put(Column.METADATA, LAYOUT_KEY, LAYOUT_VERSION);
      } else if (!Arrays.equals(layout.get(), LAYOUT_VERSION)) {
        throw new StorageException(
            "safe head database at "
                + directory
                + " has layout "
                + Hex.encode(layout.get())
                + ", this version reads layout 0x01");
      }
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    LOG.info("safe head database opened at {}", directory);
    return new DiskSafeDb(store, directory);
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public synchronized void safeHeadUpdated(L2BlockRef safeHead, BlockId l1Block) {
    Objects.requireNonNull(safeHead, "safeHead");
    Objects.requireNonNull(l1Block, "l1Block");
    try (WriteBatch batch = store.batch()) {
      batch.put(Column.METADATA, key(l1Block.number()), value(l1Block.hash(), safeHead.id()));
      batch.commit();
    }
    LOG.debug("recorded safe head {} at L1 block {}", describe(safeHead.id()), describe(l1Block));
  }

  @Override
  public Optional<SafeHeadEntry> safeHeadAtL1Block(long l1Number) {
    try (KeyValueIterator entries = store.iterate(Column.METADATA, fromL1Downwards(l1Number))) {
      return entries.hasNext() ? Optional.of(decode(entries.next())) : Optional.empty();
    }
  }

  /**
   * As op-node: among the records from the reset head's L1 origin upwards, the lowest one whose
   * safe head is at or above the reset head is where the reset head became safe again, so it and
   * every record above it go. If an older record exists, the reset head is recorded at that L1
   * block instead (it was safe by then); if none does, the reset head may have become safe before
   * the records start, so nothing is recorded for it.
   */
  @Override
  public synchronized void safeHeadReset(L2BlockRef resetSafeHead) {
    long origin = resetSafeHead.l1Origin().number();
    List<SafeHeadEntry> fromOrigin = new ArrayList<>(); // descending L1 number
    try (KeyValueIterator entries = store.iterate(Column.METADATA, allDownwards())) {
      while (entries.hasNext()) {
        SafeHeadEntry entry = decode(entries.next());
        if (Long.compareUnsigned(entry.l1Block().number(), origin) < 0) {
          break;
        }
        fromOrigin.add(entry);
      }
    }
    int first = -1;
    for (int i = 0; i < fromOrigin.size(); i++) {
      if (Long.compareUnsigned(fromOrigin.get(i).safeHead().number(), resetSafeHead.number())
          >= 0) {
        first = i; // keeps the lowest L1 block, the list being descending
      }
    }
    if (first < 0) {
      LOG.info("safe head reset to {}: no records above it", describe(resetSafeHead.id()));
      return;
    }
    BlockId becameSafeAt = fromOrigin.get(first).l1Block();
    boolean hasOlder =
        becameSafeAt.number() != 0 && safeHeadAtL1Block(becameSafeAt.number() - 1).isPresent();
    try (WriteBatch batch = store.batch()) {
      for (int i = 0; i <= first; i++) {
        batch.delete(Column.METADATA, key(fromOrigin.get(i).l1Block().number()));
      }
      if (hasOlder) {
        batch.put(
            Column.METADATA,
            key(becameSafeAt.number()),
            value(becameSafeAt.hash(), resetSafeHead.id()));
      }
      batch.commit();
    }
    LOG.info(
        "safe head reset to {}: dropped {} records from L1 block {}{}",
        describe(resetSafeHead.id()),
        first + 1,
        describe(becameSafeAt),
        hasOlder ? ", where the reset head is now recorded" : "");
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    store.close();
    LOG.info("safe head database at {} closed", directory);
  }

  // ---- layout ----

  static byte[] key(long l1Number) {
    return ByteBuffer.allocate(KEY_LENGTH).put(SAFE_BY_L1_NUMBER).putLong(~l1Number).array();
  }

  private static byte[] value(Hash l1Hash, BlockId safeHead) {
    return ByteBuffer.allocate(VALUE_LENGTH)
        .put(l1Hash.toArray())
        .put(safeHead.hash().toArray())
        .putLong(safeHead.number())
        .array();
  }

  private static KeyRange fromL1Downwards(long l1Number) {
    return KeyRange.between(key(l1Number), new byte[] {SAFE_BY_L1_NUMBER + 1});
  }

  private static KeyRange allDownwards() {
    return KeyRange.prefix(new byte[] {SAFE_BY_L1_NUMBER});
  }

  private static SafeHeadEntry decode(KeyValue pair) {
    byte[] key = pair.key().array();
    byte[] value = pair.value().array();
    if (key.length != KEY_LENGTH || key[0] != SAFE_BY_L1_NUMBER || value.length != VALUE_LENGTH) {
      throw new StorageException(
          "safe head database: invalid entry " + Hex.encode(key) + " = " + Hex.encode(value));
    }
    ByteBuffer k = ByteBuffer.wrap(key, 1, 8);
    ByteBuffer v = ByteBuffer.wrap(value);
    long l1Number = ~k.getLong();
    Hash l1Hash = Hash.copyOf(value, 0);
    Hash l2Hash = Hash.copyOf(value, 32);
    long l2Number = v.getLong(64);
    return new SafeHeadEntry(new BlockId(l1Hash, l1Number), new BlockId(l2Hash, l2Number));
  }

  private static String describe(BlockId id) {
    return id.hash().toHex() + ":" + Long.toUnsignedString(id.number());
  }
}
