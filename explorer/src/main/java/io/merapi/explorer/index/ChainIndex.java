package io.merapi.explorer.index;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.explorer.Chain;
import io.merapi.storage.Column;
import io.merapi.storage.KeyRange;
import io.merapi.storage.KeyValue;
import io.merapi.storage.KeyValueIterator;
import io.merapi.storage.KeyValueStore;
import io.merapi.storage.WriteBatch;
import io.merapi.types.transaction.TransactionType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The explorer's index over a {@link KeyValueStore} of its own (layout in explorer/DESIGN.md §3.1).
 * The storage module's columns are used by meaning: {@code CANONICAL} holds the followed chain
 * (block by number, with its transactions), {@code TX_LOOKUP} where each transaction is and each
 * address's transactions (newest first under one prefix), {@code METADATA} the layout version and
 * the head of each chain. Each block is added, and each reorg undone, in one write batch, so a
 * killed explorer reopens at a block boundary.
 *
 * <p>Writes to one chain come from its one follower; reads come from any page thread.
 */
public final class ChainIndex {
  static final byte[] LAYOUT_KEY = utf8("explorer-layout");
  static final byte LAYOUT_VERSION = 4;
  private static final byte TX_BY_HASH = 0x01;
  private static final byte TX_BY_ADDRESS = 0x02;

  /**
   * {@code 0x08 ++ uint64_be(l2Number)}: the cached {@link CarriedBy} of a safe L2 block (0x03 to
   * 0x07 and 0x0f are the bridge's, {@link BridgeIndex}).
   */
  private static final byte CARRIED_BY = 0x08;

  private static final byte NOT_INDEXED = 0x01;

  private final KeyValueStore store;
  private final BridgeIndex bridge;

  private ChainIndex(KeyValueStore store) {
    this.store = store;
    this.bridge = new BridgeIndex(store);
  }

  /** The bridge's deposits, withdrawals and tokens in the indexed blocks. */
  public BridgeIndex bridge() {
    return bridge;
  }

  /**
   * The layout version {@code store} was written with, if it is not this one's (an index from an
   * older explorer); empty for an empty store or this layout.
   */
  public static Optional<Integer> otherLayout(KeyValueStore store) {
    return store
        .get(Column.METADATA, LAYOUT_KEY)
        .filter(layout -> !Arrays.equals(layout, new byte[] {LAYOUT_VERSION}))
        .map(layout -> layout.length == 1 ? (int) layout[0] : -1);
  }

  /**
   * The index in {@code store}, which must be empty or written by this layout.
   *
   * @throws IllegalStateException if the store holds another layout
   */
  public static ChainIndex open(KeyValueStore store) {
    Optional<byte[]> layout = store.get(Column.METADATA, LAYOUT_KEY);
    if (layout.isEmpty()) {
      store.put(Column.METADATA, LAYOUT_KEY, new byte[] {LAYOUT_VERSION});
    } else if (!Arrays.equals(layout.get(), new byte[] {LAYOUT_VERSION})) {
      throw new IllegalStateException(
          "the explorer's index has layout "
              + Arrays.toString(layout.get())
              + ", this version reads "
              + LAYOUT_VERSION
              + ": remove the index directory to rebuild it");
    }
    return new ChainIndex(store);
  }

  /** The highest block followed on {@code chain}. */
  public Optional<IndexedBlock> head(Chain chain) {
    Optional<byte[]> number = store.get(Column.METADATA, headKey(chain));
    return number.flatMap(n -> block(chain, ByteBuffer.wrap(n).getLong()));
  }

  /** The first block followed on {@code chain}: older blocks have no address history here. */
  public OptionalLong start(Chain chain) {
    return store
        .get(Column.METADATA, startKey(chain))
        .map(n -> OptionalLong.of(ByteBuffer.wrap(n).getLong()))
        .orElse(OptionalLong.empty());
  }

  public Optional<IndexedBlock> block(Chain chain, long number) {
    return store.get(Column.CANONICAL, blockKey(chain, number)).map(v -> decodeBlock(number, v));
  }

  /** Up to {@code count} followed blocks from the head down. */
  public List<IndexedBlock> latest(Chain chain, int count) {
    List<IndexedBlock> out = new ArrayList<>();
    Optional<IndexedBlock> head = head(chain);
    if (head.isEmpty()) {
      return out;
    }
    long from = head.get().number();
    long start = start(chain).orElse(0);
    for (long n = from; n >= start && out.size() < count; n--) {
      block(chain, n).ifPresent(out::add);
    }
    return out;
  }

  public Optional<TxLocation> transaction(Chain chain, Hash hash) {
    return store
        .get(Column.TX_LOOKUP, txKey(chain, hash))
        .map(
            v -> {
              ByteBuffer in = ByteBuffer.wrap(v);
              return new TxLocation(hash, in.getLong(), in.getInt());
            });
  }

  /** The transactions {@code address} sent or received, newest first, at most {@code limit}. */
  public List<TxLocation> transactionsOf(Chain chain, Address address, int limit) {
    byte[] prefix =
        ByteBuffer.allocate(2 + Address.LENGTH)
            .put(TX_BY_ADDRESS)
            .put(chain.tag())
            .put(address.array())
            .array();
    List<TxLocation> out = new ArrayList<>();
    try (KeyValueIterator it = store.iterate(Column.TX_LOOKUP, KeyRange.prefix(prefix))) {
      while (it.hasNext() && out.size() < limit) {
        KeyValue entry = it.next();
        ByteBuffer key = ByteBuffer.wrap(entry.key().array(), prefix.length, 12);
        long number = ~key.getLong();
        int index = ~key.getInt();
        out.add(new TxLocation(Hash.wrap(entry.value().toArray()), number, index));
      }
    }
    return out;
  }

  /**
   * Adds {@code block} on top of the chain's head (or as the first block followed).
   *
   * @throws IllegalArgumentException if it does not extend the head
   */
  public void append(Chain chain, IndexedBlock block) {
    append(chain, block, List.of());
  }

  /**
   * Adds {@code block} with the bridge entries found in its logs, all in one write.
   *
   * @throws IllegalArgumentException if it does not extend the head
   */
  public void append(Chain chain, IndexedBlock block, List<BridgeEntry> entries) {
    Optional<IndexedBlock> head = head(chain);
    // A block whose hash is unknown (unreadable, even its header) cannot be checked either way.
    if (head.isPresent()
        && (block.number() != head.get().number() + 1
            || (head.get().hashKnown()
                && block.hashKnown()
                && !block.parentHash().equals(head.get().hash())))) {
      throw new IllegalArgumentException(
          chain.label()
              + " block "
              + block.number()
              + " does not extend the indexed head "
              + head.get().number()
              + " "
              + head.get().hash());
    }
    try (WriteBatch batch = store.batch()) {
      batch.put(Column.CANONICAL, blockKey(chain, block.number()), encodeBlock(block));
      List<IndexedTx> txs = block.transactions();
      for (int i = 0; i < txs.size(); i++) {
        IndexedTx tx = txs.get(i);
        batch.put(
            Column.TX_LOOKUP,
            txKey(chain, tx.hash()),
            ByteBuffer.allocate(12).putLong(block.number()).putInt(i).array());
        byte[] hash = tx.hash().toArray();
        batch.put(Column.TX_LOOKUP, addressKey(chain, tx.from(), block.number(), i), hash);
        if (tx.to().isPresent() && !tx.to().get().equals(tx.from())) {
          batch.put(Column.TX_LOOKUP, addressKey(chain, tx.to().get(), block.number(), i), hash);
        }
      }
      bridge.write(batch, chain, block.number(), entries);
      batch.put(Column.METADATA, headKey(chain), longBytes(block.number()));
      if (head.isEmpty()) {
        batch.put(Column.METADATA, startKey(chain), longBytes(block.number()));
      }
      batch.commit();
    }
  }

  /**
   * Forgets every block above {@code keep} (a reorg replaced them), with their transactions and
   * address entries; below the first followed block the chain's index is emptied.
   */
  public void rewindTo(Chain chain, long keep) {
    Optional<IndexedBlock> head = head(chain);
    if (head.isEmpty() || head.get().number() <= keep) {
      return;
    }
    long start = start(chain).orElse(0);
    try (WriteBatch batch = store.batch()) {
      for (long n = head.get().number(); n > keep && n >= start; n--) {
        Optional<IndexedBlock> dropped = block(chain, n);
        if (dropped.isEmpty()) {
          continue;
        }
        List<IndexedTx> txs = dropped.get().transactions();
        for (int i = 0; i < txs.size(); i++) {
          IndexedTx tx = txs.get(i);
          batch.delete(Column.TX_LOOKUP, txKey(chain, tx.hash()));
          batch.delete(Column.TX_LOOKUP, addressKey(chain, tx.from(), n, i));
          if (tx.to().isPresent()) {
            batch.delete(Column.TX_LOOKUP, addressKey(chain, tx.to().get(), n, i));
          }
        }
        batch.delete(Column.CANONICAL, blockKey(chain, n));
        bridge.undo(batch, chain, n);
      }
      if (keep >= start) {
        batch.put(Column.METADATA, headKey(chain), longBytes(keep));
      } else {
        batch.delete(Column.METADATA, headKey(chain));
        batch.delete(Column.METADATA, startKey(chain));
      }
      dropCarriedAbove(chain, keep, batch);
      batch.commit();
    }
  }

  /** The cached origin of safe L2 block {@code l2Number}, if it was found for {@code l2Hash}. */
  public Optional<CarriedBy> carriedBy(long l2Number, Hash l2Hash) {
    return store
        .get(Column.TX_LOOKUP, carriedKey(l2Number))
        .map(ChainIndex::decodeCarried)
        .filter(c -> c.l2Hash().equals(l2Hash));
  }

  /** Keeps where safe L2 block {@code l2Number} came from, until a reorg drops it. */
  public void putCarriedBy(long l2Number, CarriedBy carried) {
    store.put(Column.TX_LOOKUP, carriedKey(l2Number), encodeCarried(carried));
  }

  // ---- encoding

  /**
   * Drops the cached origins a reorg of {@code chain} above {@code keep} makes wrong: on L2 those
   * of the dropped blocks, on L1 those whose L1 block was dropped. The cache holds only blocks
   * someone looked at, so a scan of it is short, and reorgs are rare.
   */
  private void dropCarriedAbove(Chain chain, long keep, WriteBatch batch) {
    try (KeyValueIterator it =
        store.iterate(Column.TX_LOOKUP, KeyRange.prefix(new byte[] {CARRIED_BY}))) {
      while (it.hasNext()) {
        KeyValue entry = it.next();
        long l2Number = ByteBuffer.wrap(entry.key().array(), 1, 8).getLong();
        long l1Block = decodeCarried(entry.value().toArray()).l1Block();
        if ((chain == Chain.L2 ? l2Number : l1Block) > keep) {
          batch.delete(Column.TX_LOOKUP, entry.key().toArray());
        }
      }
    }
  }

  static byte[] encodeCarried(CarriedBy carried) {
    ByteBuffer out = ByteBuffer.allocate(32 + 8 + 32 + 4 + 32 * carried.carriers().size());
    out.put(carried.l2Hash().array()).putLong(carried.l1Block()).put(carried.l1Hash().array());
    out.putInt(carried.carriers().size());
    for (Hash h : carried.carriers()) {
      out.put(h.array());
    }
    return out.array();
  }

  static CarriedBy decodeCarried(byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    Hash l2Hash = Hash.wrap(bytes(in, 32));
    long l1Block = in.getLong();
    Hash l1Hash = Hash.wrap(bytes(in, 32));
    int count = in.getInt();
    List<Hash> carriers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      carriers.add(Hash.wrap(bytes(in, 32)));
    }
    return new CarriedBy(l2Hash, l1Block, l1Hash, carriers);
  }

  static byte[] encodeBlock(IndexedBlock block) {
    int size = 32 + 32 + 8 + 4 + (block.complete() ? 0 : 1);
    for (IndexedTx tx : block.transactions()) {
      size += 32 + 1 + 20 + 1 + (tx.to().isPresent() ? 20 : 0) + 32;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(block.hash().array()).put(block.parentHash().array()).putLong(block.timestamp());
    out.putInt(block.transactions().size());
    for (IndexedTx tx : block.transactions()) {
      out.put(tx.hash().array()).put((byte) tx.type().value()).put(tx.from().array());
      if (tx.to().isPresent()) {
        out.put((byte) 1).put(tx.to().get().array());
      } else {
        out.put((byte) 0);
      }
      out.put(tx.value().toHash().array());
    }
    if (!block.complete()) {
      // A trailing marker: blocks written before it existed read as complete.
      out.put(NOT_INDEXED);
    }
    return out.array();
  }

  static IndexedBlock decodeBlock(long number, byte[] value) {
    ByteBuffer in = ByteBuffer.wrap(value);
    Hash hash = Hash.wrap(bytes(in, 32));
    Hash parent = Hash.wrap(bytes(in, 32));
    long timestamp = in.getLong();
    int count = in.getInt();
    List<IndexedTx> txs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Hash txHash = Hash.wrap(bytes(in, 32));
      int typeByte = in.get() & 0xff;
      TransactionType type =
          TransactionType.of(typeByte)
              .orElseThrow(() -> new IllegalStateException("unknown transaction type " + typeByte));
      Address from = Address.wrap(bytes(in, 20));
      Optional<Address> to =
          in.get() == 1 ? Optional.of(Address.wrap(bytes(in, 20))) : Optional.empty();
      UInt256 amount = UInt256.fromBytes(bytes(in, 32));
      txs.add(new IndexedTx(txHash, type, from, to, amount));
    }
    boolean complete = !(in.hasRemaining() && in.get() == NOT_INDEXED);
    return new IndexedBlock(number, hash, parent, timestamp, txs, complete);
  }

  private static byte[] bytes(ByteBuffer in, int length) {
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static byte[] carriedKey(long l2Number) {
    return ByteBuffer.allocate(9).put(CARRIED_BY).putLong(l2Number).array();
  }

  private static byte[] blockKey(Chain chain, long number) {
    return ByteBuffer.allocate(9).put(chain.tag()).putLong(number).array();
  }

  private static byte[] txKey(Chain chain, Hash hash) {
    return ByteBuffer.allocate(34).put(TX_BY_HASH).put(chain.tag()).put(hash.array()).array();
  }

  /** Complemented number and index: ascending keys are newest first. */
  private static byte[] addressKey(Chain chain, Address address, long number, int index) {
    return ByteBuffer.allocate(2 + Address.LENGTH + 12)
        .put(TX_BY_ADDRESS)
        .put(chain.tag())
        .put(address.array())
        .putLong(~number)
        .putInt(~index)
        .array();
  }

  private static byte[] headKey(Chain chain) {
    return withTag("explorer-head", chain);
  }

  private static byte[] startKey(Chain chain) {
    return withTag("explorer-start", chain);
  }

  private static byte[] withTag(String name, Chain chain) {
    byte[] text = utf8(name);
    byte[] key = Arrays.copyOf(text, text.length + 1);
    key[text.length] = chain.tag();
    return key;
  }

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
