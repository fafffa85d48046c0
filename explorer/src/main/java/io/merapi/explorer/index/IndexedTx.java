package io.merapi.explorer.index;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction as the index keeps it: enough to list it on its block's and addresses' pages
 * without asking the node for the whole block again.
 */
public record IndexedTx(
    Hash hash, TransactionType type, Address from, Optional<Address> to, UInt256 value) {
  public IndexedTx {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
  }

  /** The row of {@code tx}; a sender that cannot be recovered is listed as the zero address. */
  public static IndexedTx of(Transaction tx) {
    return new IndexedTx(tx.hash(), tx.type(), sender(tx), tx.to(), tx.value());
  }

  /**
   * The sender, or the zero address for a signature that does not recover: a node would not have
   * included such a transaction, and a page or the index should show the rest rather than stall.
   */
  public static Address sender(Transaction tx) {
    try {
      return tx.sender();
    } catch (RuntimeException e) {
      return Address.ZERO;
    }
  }
}
