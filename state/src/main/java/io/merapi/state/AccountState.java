package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.HashMap;

/**
 * The working copy of one account during a block: its fields, the storage slots read or written,
 * and its per-transaction flags. Mutated in place; every mutation goes through {@link
 * JournaledState}, which records how to undo it.
 */
final class AccountState {
  final Address address;
  boolean exists;
  long nonce;
  UInt256 balance;
  Hash codeHash;

  /** The code, loaded on first use; {@code null} until then. */
  byte[] code;

  /** The storage root in the committed state; the empty root for an account not in it. */
  Hash committedStorageRoot;

  /**
   * True when the committed storage no longer applies: the account was deleted in this block
   * (SELFDESTRUCT or EIP-161), so every slot not in {@link #storage} reads as zero.
   */
  boolean storageCleared;

  final HashMap<UInt256, Slot> storage = new HashMap<>();

  /** Changed in this block: part of the block's state changes. */
  boolean dirty;

  // Per transaction.
  boolean touched;
  boolean createdInTransaction;
  boolean selfDestructed;

  AccountState(Address address) {
    this.address = address;
  }

  boolean isEmpty() {
    return nonce == 0 && balance.isZero() && codeHash.equals(Account.EMPTY_CODE_HASH);
  }

  /** One storage slot's values: committed (block start), original (transaction start), current. */
  static final class Slot {
    final UInt256 key;
    final UInt256 committed;
    UInt256 original;
    UInt256 current;
    boolean warm;
    boolean dirtyInTransaction;

    Slot(UInt256 key, UInt256 committed) {
      this.key = key;
      this.committed = committed;
      this.original = committed;
      this.current = committed;
    }
  }
}
