package io.merapi.state.store;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flat-state entries one block changed, each with its value before and after the block (empty:
 * absent). Applied forwards it turns the parent's flat view into the block's; backwards, the
 * block's into the parent's. The chain keeps one per block so that a reorg can move the head's flat
 * view down to the common ancestor and up the new branch in one atomic batch.
 *
 * <p>An account deleted with its storage lists every slot it had, so rewinding brings them back.
 */
public record StateDiff(List<AccountEntry> accounts, List<StorageEntry> storage) {
  public StateDiff {
    accounts = List.copyOf(accounts);
    storage = List.copyOf(storage);
  }

  public static final StateDiff EMPTY = new StateDiff(List.of(), List.of());

  /** One account's encoding before and after. */
  public record AccountEntry(Hash key, Optional<Bytes> before, Optional<Bytes> after) {}

  /** One slot's encoding before and after. */
  public record StorageEntry(
      Hash accountKey, Hash slotKey, Optional<Bytes> before, Optional<Bytes> after) {}

  /** Writes the "after" values: parent's view to this block's. */
  public void applyForward(FlatWriter writer) {
    for (AccountEntry e : accounts) {
      writer.account(e.key(), e.after());
    }
    for (StorageEntry e : storage) {
      writer.storage(e.accountKey(), e.slotKey(), e.after());
    }
  }

  /** Writes the "before" values: this block's view back to its parent's. */
  public void applyBackward(FlatWriter writer) {
    for (AccountEntry e : accounts) {
      writer.account(e.key(), e.before());
    }
    for (StorageEntry e : storage) {
      writer.storage(e.accountKey(), e.slotKey(), e.before());
    }
  }

  /** {@code rlp([[[key, before, after], ...], [[account, slot, before, after], ...]])}. */
  public byte[] encoded() {
    RlpWriter w = new RlpWriter(64 + accounts.size() * 180 + storage.size() * 140);
    w.startList().startList();
    for (AccountEntry e : accounts) {
      w.startList().writeHash(e.key());
      writeOptional(w, e.before());
      writeOptional(w, e.after());
      w.endList();
    }
    w.endList().startList();
    for (StorageEntry e : storage) {
      w.startList().writeHash(e.accountKey()).writeHash(e.slotKey());
      writeOptional(w, e.before());
      writeOptional(w, e.after());
      w.endList();
    }
    return w.endList().endList().toByteArray();
  }

  /**
   * Decodes {@link #encoded()}.
   *
   * @throws io.merapi.base.rlp.RlpException if the bytes are not a diff
   */
  public static StateDiff decode(byte[] encoded) {
    RlpReader outer = RlpReader.of(encoded);
    RlpReader fields = outer.readList();
    List<AccountEntry> accounts = new ArrayList<>();
    RlpReader list = fields.readList();
    while (list.hasNext()) {
      RlpReader e = list.readList();
      accounts.add(new AccountEntry(e.readHash(), readOptional(e), readOptional(e)));
      e.ensureEnd();
    }
    List<StorageEntry> storage = new ArrayList<>();
    list = fields.readList();
    while (list.hasNext()) {
      RlpReader e = list.readList();
      storage.add(new StorageEntry(e.readHash(), e.readHash(), readOptional(e), readOptional(e)));
      e.ensureEnd();
    }
    fields.ensureEnd();
    outer.ensureEnd();
    return new StateDiff(accounts, storage);
  }

  // Stored values are never empty (an account's RLP is a list, a slot's is non-zero), so the empty
  // string can stand for "absent".
  private static void writeOptional(RlpWriter w, Optional<Bytes> value) {
    w.writeBytes(value.orElse(Bytes.EMPTY));
  }

  private static Optional<Bytes> readOptional(RlpReader r) {
    Bytes value = r.readBytesValue();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
