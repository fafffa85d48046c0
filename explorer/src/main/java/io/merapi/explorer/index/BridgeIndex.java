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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bridge's part of the index (explorer/DESIGN.md §3.1), in {@code TX_LOOKUP} under prefixes of
 * their own. Lists are keyed by complemented block number and log index, so one prefix scan reads
 * them newest first. Every key written for a block is also listed in a journal under that block, so
 * a reorg undoes exactly what the dropped block added, in the same write batch as the block.
 */
public final class BridgeIndex {
  private static final byte DEPOSIT = 0x03; // ~l1Block ++ ~logIndex → deposit
  private static final byte WITHDRAWAL = 0x04; // ~l2Block ++ ~logIndex → withdrawal
  private static final byte WITHDRAWAL_BY_HASH = 0x05; // withdrawalHash → l2Block ++ logIndex
  private static final byte LEG = 0x06; // withdrawalHash ++ kind ++ ~l1Block ++ ~logIndex → leg
  private static final byte TOKEN = 0x07; // chain ++ token → remote ++ block
  private static final byte JOURNAL = 0x0f; // chain ++ ~block ++ seq → a key the block wrote

  private final KeyValueStore store;

  BridgeIndex(KeyValueStore store) {
    this.store = store;
  }

  void write(WriteBatch batch, Chain chain, long block, List<BridgeEntry> entries) {
    int seq = 0;
    for (BridgeEntry entry : entries) {
      if (entry.block() != block) {
        throw new IllegalArgumentException(
            "an entry of block " + entry.block() + " added with block " + block);
      }
      byte[] key = key(entry);
      batch.put(Column.TX_LOOKUP, key, value(entry));
      batch.put(Column.TX_LOOKUP, journalKey(chain, block, seq++), key);
      if (entry instanceof BridgeEntry.Withdrawal w) {
        byte[] byHash = withHash(WITHDRAWAL_BY_HASH, w.withdrawalHash()).array();
        batch.put(Column.TX_LOOKUP, byHash, ordered(w.block(), w.logIndex()));
        batch.put(Column.TX_LOOKUP, journalKey(chain, block, seq++), byHash);
      }
    }
  }

  /** Deletes what block {@code number} of {@code chain} wrote. */
  void undo(WriteBatch batch, Chain chain, long number) {
    byte[] prefix = ByteBuffer.allocate(10).put(JOURNAL).put(chain.tag()).putLong(~number).array();
    try (KeyValueIterator it = store.iterate(Column.TX_LOOKUP, KeyRange.prefix(prefix))) {
      while (it.hasNext()) {
        KeyValue entry = it.next();
        batch.delete(Column.TX_LOOKUP, entry.value().toArray());
        batch.delete(Column.TX_LOOKUP, entry.key().toArray());
      }
    }
  }

  /** Where an entry sits in its chain: its block and the index of its log there. */
  public record Position(long block, long logIndex) {}

  /** The newest deposits, at most {@code limit}. */
  public List<BridgeEntry.Deposit> deposits(int limit) {
    return deposits(Optional.empty(), limit);
  }

  /**
   * The newest deposits older than {@code before} (or the newest of all), at most {@code limit}.
   */
  public List<BridgeEntry.Deposit> deposits(Optional<Position> before, int limit) {
    List<BridgeEntry.Deposit> out = new ArrayList<>();
    scanOlder(DEPOSIT, before, limit, (key, value) -> out.add(decodeDeposit(key, value)));
    return out;
  }

  /** The newest withdrawals initiated, at most {@code limit}. */
  public List<BridgeEntry.Withdrawal> withdrawals(int limit) {
    return withdrawals(Optional.empty(), limit);
  }

  /**
   * The newest withdrawals initiated before {@code before} (or the newest of all), at most {@code
   * limit}.
   */
  public List<BridgeEntry.Withdrawal> withdrawals(Optional<Position> before, int limit) {
    List<BridgeEntry.Withdrawal> out = new ArrayList<>();
    scanOlder(WITHDRAWAL, before, limit, (key, value) -> out.add(decodeWithdrawal(key, value)));
    return out;
  }

  /** The withdrawal with {@code withdrawalHash}, if its L2 block is indexed. */
  public Optional<BridgeEntry.Withdrawal> withdrawal(Hash withdrawalHash) {
    return store
        .get(Column.TX_LOOKUP, withHash(WITHDRAWAL_BY_HASH, withdrawalHash).array())
        .flatMap(
            at -> {
              byte[] key = ByteBuffer.allocate(13).put(WITHDRAWAL).put(at).array();
              return store.get(Column.TX_LOOKUP, key).map(value -> decodeWithdrawal(key, value));
            });
  }

  /** The withdrawal's proofs and finalizations on L1, newest first within each kind. */
  public List<BridgeEntry.WithdrawalLeg> legs(Hash withdrawalHash) {
    List<BridgeEntry.WithdrawalLeg> out = new ArrayList<>();
    scan(
        withHash(LEG, withdrawalHash).array(),
        Integer.MAX_VALUE,
        (key, value) -> out.add(decodeLeg(key, value)));
    return out;
  }

  /** The bridge's tokens known on {@code chain}. */
  public List<BridgeEntry.Token> tokens(Chain chain) {
    List<BridgeEntry.Token> out = new ArrayList<>();
    scan(
        new byte[] {TOKEN, chain.tag()},
        Integer.MAX_VALUE,
        (key, value) -> {
          ByteBuffer in = ByteBuffer.wrap(value);
          Address remote = Address.wrap(bytes(in, 20));
          out.add(
              new BridgeEntry.Token(chain, in.getLong(), Address.wrap(slice(key, 2, 20)), remote));
        });
    return out;
  }

  // ---- encoding

  private interface Visitor {
    void visit(byte[] key, byte[] value);
  }

  /**
   * Visits the entries of {@code kind} newest first, starting after {@code before}: keys hold the
   * complemented position, so older entries sort after it.
   */
  private void scanOlder(byte kind, Optional<Position> before, int limit, Visitor visitor) {
    if (before.isEmpty()) {
      scan(new byte[] {kind}, limit, visitor);
      return;
    }
    byte[] start =
        ByteBuffer.allocate(13)
            .put(kind)
            .put(ordered(before.get().block(), before.get().logIndex()))
            .array();
    KeyRange rest = KeyRange.between(start, KeyRange.prefix(new byte[] {kind}).to());
    int seen = 0;
    try (KeyValueIterator it = store.iterate(Column.TX_LOOKUP, rest)) {
      while (it.hasNext() && seen < limit) {
        KeyValue entry = it.next();
        byte[] key = entry.key().toArray();
        if (!java.util.Arrays.equals(key, start)) {
          visitor.visit(key, entry.value().toArray());
          seen++;
        }
      }
    }
  }

  private void scan(byte[] prefix, int limit, Visitor visitor) {
    int seen = 0;
    try (KeyValueIterator it = store.iterate(Column.TX_LOOKUP, KeyRange.prefix(prefix))) {
      while (it.hasNext() && seen < limit) {
        KeyValue entry = it.next();
        visitor.visit(entry.key().toArray(), entry.value().toArray());
        seen++;
      }
    }
  }

  static byte[] key(BridgeEntry entry) {
    return switch (entry) {
      case BridgeEntry.Deposit d ->
          ByteBuffer.allocate(13).put(DEPOSIT).put(ordered(d.block(), d.logIndex())).array();
      case BridgeEntry.Withdrawal w ->
          ByteBuffer.allocate(13).put(WITHDRAWAL).put(ordered(w.block(), w.logIndex())).array();
      case BridgeEntry.WithdrawalLeg l ->
          withHash(LEG, l.withdrawalHash(), 13)
              .put((byte) l.kind().ordinal())
              .put(ordered(l.block(), l.logIndex()))
              .array();
      case BridgeEntry.Token t ->
          ByteBuffer.allocate(22).put(TOKEN).put(t.chain().tag()).put(t.token().array()).array();
    };
  }

  static byte[] value(BridgeEntry entry) {
    return switch (entry) {
      case BridgeEntry.Deposit d ->
          ByteBuffer.allocate(32 + 32 + 20 + 1 + 20 + 32 + 32)
              .put(d.l1Transaction().array())
              .put(d.l2Transaction().array())
              .put(d.from().array())
              .put((byte) (d.to().isPresent() ? 1 : 0))
              .put(d.to().orElse(Address.ZERO).array())
              .put(d.mint().toBytes())
              .put(d.value().toBytes())
              .array();
      case BridgeEntry.Withdrawal w ->
          ByteBuffer.allocate(32 + 32 + 20 + 20 + 32)
              .put(w.l2Transaction().array())
              .put(w.withdrawalHash().array())
              .put(w.sender().array())
              .put(w.target().array())
              .put(w.value().toBytes())
              .array();
      case BridgeEntry.WithdrawalLeg l ->
          ByteBuffer.allocate(33)
              .put(l.l1Transaction().array())
              .put((byte) (l.success() ? 1 : 0))
              .array();
      case BridgeEntry.Token t ->
          ByteBuffer.allocate(28).put(t.remote().array()).putLong(t.block()).array();
    };
  }

  private static BridgeEntry.Deposit decodeDeposit(byte[] key, byte[] value) {
    ByteBuffer k = ByteBuffer.wrap(key, 1, 12);
    long block = ~k.getLong();
    long logIndex = ~k.getInt() & 0xffffffffL;
    ByteBuffer in = ByteBuffer.wrap(value);
    Hash l1 = Hash.wrap(bytes(in, 32));
    Hash l2 = Hash.wrap(bytes(in, 32));
    Address from = Address.wrap(bytes(in, 20));
    boolean hasTo = in.get() == 1;
    Address to = Address.wrap(bytes(in, 20));
    UInt256 mint = UInt256.fromBytes(bytes(in, 32));
    UInt256 amount = UInt256.fromBytes(bytes(in, 32));
    return new BridgeEntry.Deposit(
        block, logIndex, l1, l2, from, hasTo ? Optional.of(to) : Optional.empty(), mint, amount);
  }

  private static BridgeEntry.Withdrawal decodeWithdrawal(byte[] key, byte[] value) {
    ByteBuffer k = ByteBuffer.wrap(key, 1, 12);
    long block = ~k.getLong();
    long logIndex = ~k.getInt() & 0xffffffffL;
    ByteBuffer in = ByteBuffer.wrap(value);
    return new BridgeEntry.Withdrawal(
        block,
        logIndex,
        Hash.wrap(bytes(in, 32)),
        Hash.wrap(bytes(in, 32)),
        Address.wrap(bytes(in, 20)),
        Address.wrap(bytes(in, 20)),
        UInt256.fromBytes(bytes(in, 32)));
  }

  private static BridgeEntry.WithdrawalLeg decodeLeg(byte[] key, byte[] value) {
    ByteBuffer k = ByteBuffer.wrap(key);
    k.get();
    Hash hash = Hash.wrap(bytes(k, 32));
    BridgeEntry.WithdrawalLeg.Kind kind = BridgeEntry.WithdrawalLeg.Kind.values()[k.get()];
    long block = ~k.getLong();
    long logIndex = ~k.getInt() & 0xffffffffL;
    ByteBuffer in = ByteBuffer.wrap(value);
    return new BridgeEntry.WithdrawalLeg(
        kind, hash, block, logIndex, Hash.wrap(bytes(in, 32)), in.get() == 1);
  }

  /** Complemented: ascending keys are newest first. */
  private static byte[] ordered(long block, long logIndex) {
    return ByteBuffer.allocate(12).putLong(~block).putInt(~(int) logIndex).array();
  }

  private static ByteBuffer withHash(byte prefix, Hash hash) {
    return withHash(prefix, hash, 0);
  }

  private static ByteBuffer withHash(byte prefix, Hash hash, int extra) {
    return ByteBuffer.allocate(33 + extra).put(prefix).put(hash.array());
  }

  private static byte[] journalKey(Chain chain, long block, int seq) {
    return ByteBuffer.allocate(14)
        .put(JOURNAL)
        .put(chain.tag())
        .putLong(~block)
        .putInt(seq)
        .array();
  }

  private static byte[] slice(byte[] from, int offset, int length) {
    byte[] out = new byte[length];
    System.arraycopy(from, offset, out, 0, length);
    return out;
  }

  private static byte[] bytes(ByteBuffer in, int length) {
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }
}
