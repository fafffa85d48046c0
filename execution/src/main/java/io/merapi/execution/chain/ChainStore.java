package io.merapi.execution.chain;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.state.store.CodeSource;
import io.merapi.state.store.FlatState;
import io.merapi.state.store.FlatWriter;
import io.merapi.state.store.StateDiff;
import io.merapi.state.store.StateUpdate;
import io.merapi.storage.Column;
import io.merapi.storage.KeyValueStore;
import io.merapi.storage.WriteBatch;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.NodeSource;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chain's layout in a {@link KeyValueStore}, and nothing else: how headers, bodies, receipts,
 * indexes, state diffs and the head pointers are keyed and encoded. Block data is keyed by {@code
 * number ++ hash} (8-byte big-endian number first, so one block's data sorts with its height), and
 * {@link Column#HEADER_NUMBERS} finds the number of a hash.
 *
 * <p>Reads are thread-safe. Writes go through a {@link Batch}, so that what one step of the chain
 * changes (a block, its state, the head pointer) lands atomically.
 */
final class ChainStore implements FlatState, CodeSource, NodeSource {
  static final byte[] HEAD = key("head");
  static final byte[] SAFE = key("safe");
  static final byte[] FINALIZED = key("finalized");
  static final byte[] GENESIS = key("genesis");
  static final byte[] CHAIN_CONFIG = key("chain-config");

  private final KeyValueStore store;

  ChainStore(KeyValueStore store) {
    this.store = store;
  }

  KeyValueStore keyValueStore() {
    return store;
  }

  // ---- metadata ----

  Optional<Hash> pointer(byte[] name) {
    return store.get(Column.METADATA, name).map(Hash::wrap);
  }

  Optional<byte[]> metadata(byte[] name) {
    return store.get(Column.METADATA, name);
  }

  // ---- blocks ----

  Optional<Long> number(Hash hash) {
    return store.get(Column.HEADER_NUMBERS, hash.array()).map(ChainStore::decodeNumber);
  }

  Optional<Header> header(Hash hash) {
    return number(hash).flatMap(n -> header(n, hash));
  }

  Optional<Header> header(long number, Hash hash) {
    return store.get(Column.HEADERS, blockKey(number, hash)).map(Header::decode);
  }

  Optional<BlockBody> body(long number, Hash hash) {
    return store.get(Column.BODIES, blockKey(number, hash)).map(BlockBody::decode);
  }

  Optional<List<Receipt>> receipts(long number, Hash hash) {
    return store.get(Column.RECEIPTS, blockKey(number, hash)).map(StoredReceipts::decode);
  }

  /** The blob sidecars stored with a block; empty if none were (no blobs, or built elsewhere). */
  Optional<List<BlobSidecar>> sidecars(long number, Hash hash) {
    return store.get(Column.BLOB_SIDECARS, blockKey(number, hash)).map(StoredSidecars::decode);
  }

  Optional<StateDiff> stateDiff(long number, Hash hash) {
    return store.get(Column.STATE_DIFFS, blockKey(number, hash)).map(StateDiff::decode);
  }

  Optional<Hash> canonicalHash(long number) {
    return store.get(Column.CANONICAL, numberKey(number)).map(Hash::wrap);
  }

  Optional<TransactionLocation> transactionLocation(Hash txHash) {
    return store.get(Column.TX_LOOKUP, txHash.array()).map(TransactionLocation::decode);
  }

  // ---- state ----

  @Override
  public Optional<byte[]> account(Hash accountKey) {
    return store.get(Column.ACCOUNTS, accountKey.array());
  }

  @Override
  public Optional<byte[]> storage(Hash accountKey, Hash slotKey) {
    return store.get(Column.STORAGE, storageKey(accountKey, slotKey));
  }

  @Override
  public Optional<byte[]> code(Hash codeHash) {
    return store.get(Column.CODE, codeHash.array());
  }

  @Override
  public Optional<byte[]> node(Hash hash) {
    return store.get(Column.TRIE_NODES, hash.array());
  }

  Batch batch() {
    return new Batch(store.batch());
  }

  /** The writes of one step of the chain, applied together by {@link #commit()}. */
  static final class Batch implements AutoCloseable, FlatWriter {
    private final WriteBatch batch;

    private Batch(WriteBatch batch) {
      this.batch = batch;
    }

    /**
     * A block with its receipts and its state: trie nodes, code and the diff (not the flat view).
     */
    void block(Block block, Hash hash, List<Receipt> receipts, StateUpdate state) {
      long number = block.number();
      byte[] key = blockKey(number, hash);
      batch.put(Column.HEADERS, key, block.header().encoded());
      batch.put(Column.BODIES, key, block.body().encoded());
      batch.put(Column.RECEIPTS, key, StoredReceipts.encode(receipts));
      batch.put(Column.HEADER_NUMBERS, hash.array(), numberKey(number));
      batch.put(Column.STATE_DIFFS, key, state.diff().encoded());
      for (EncodedNode node : state.nodes()) {
        node(node);
      }
      for (Map.Entry<Hash, Bytes> code : state.codes().entrySet()) {
        code(code.getKey(), code.getValue().array());
      }
    }

    /** The sidecars of a block's blob transactions, in block order (nothing if there are none). */
    void sidecars(long number, Hash hash, List<BlobSidecar> sidecars) {
      if (!sidecars.isEmpty()) {
        batch.put(Column.BLOB_SIDECARS, blockKey(number, hash), StoredSidecars.encode(sidecars));
      }
    }

    void node(EncodedNode node) {
      batch.put(Column.TRIE_NODES, node.hash().array(), node.rlp().array());
    }

    void code(Hash codeHash, byte[] code) {
      batch.put(Column.CODE, codeHash.array(), code);
    }

    /** Makes {@code block} canonical at its height, with its transactions findable by hash. */
    void canonical(long number, Hash hash, List<Transaction> transactions) {
      batch.put(Column.CANONICAL, numberKey(number), hash.array());
      for (int i = 0; i < transactions.size(); i++) {
        batch.put(
            Column.TX_LOOKUP,
            transactions.get(i).hash().array(),
            new TransactionLocation(hash, number, i).encoded());
      }
    }

    /** Takes a block out of the canonical chain (its height stays only if another replaces it). */
    void notCanonical(long number, List<Transaction> transactions) {
      batch.delete(Column.CANONICAL, numberKey(number));
      for (Transaction tx : transactions) {
        batch.delete(Column.TX_LOOKUP, tx.hash().array());
      }
    }

    void pointer(byte[] name, Hash hash) {
      batch.put(Column.METADATA, name, hash.array());
    }

    void metadata(byte[] name, byte[] value) {
      batch.put(Column.METADATA, name, value);
    }

    @Override
    public void account(Hash accountKey, Optional<Bytes> value) {
      if (value.isPresent()) {
        batch.put(Column.ACCOUNTS, accountKey.array(), value.get().array());
      } else {
        batch.delete(Column.ACCOUNTS, accountKey.array());
      }
    }

    @Override
    public void storage(Hash accountKey, Hash slotKey, Optional<Bytes> value) {
      byte[] key = storageKey(accountKey, slotKey);
      if (value.isPresent()) {
        batch.put(Column.STORAGE, key, value.get().array());
      } else {
        batch.delete(Column.STORAGE, key);
      }
    }

    void commit() {
      batch.commit();
    }

    @Override
    public void close() {
      batch.close();
    }
  }

  // ---- encodings ----

  private static byte[] key(String name) {
    return name.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] numberKey(long number) {
    byte[] key = new byte[8];
    putLong(key, 0, number);
    return key;
  }

  static byte[] blockKey(long number, Hash hash) {
    byte[] key = new byte[8 + Hash.LENGTH];
    putLong(key, 0, number);
    System.arraycopy(hash.array(), 0, key, 8, Hash.LENGTH);
    return key;
  }

  static byte[] storageKey(Hash accountKey, Hash slotKey) {
    byte[] key = new byte[2 * Hash.LENGTH];
    System.arraycopy(accountKey.array(), 0, key, 0, Hash.LENGTH);
    System.arraycopy(slotKey.array(), 0, key, Hash.LENGTH, Hash.LENGTH);
    return key;
  }

  static long decodeNumber(byte[] bytes) {
    if (bytes.length != 8) {
      throw new IllegalStateException("stored block number of " + bytes.length + " bytes");
    }
    long n = 0;
    for (byte b : bytes) {
      n = (n << 8) | (b & 0xff);
    }
    return n;
  }

  static void putLong(byte[] out, int offset, long value) {
    for (int i = 7; i >= 0; i--) {
      out[offset + i] = (byte) value;
      value >>>= 8;
    }
  }
}
