package io.merapi.derive.stage;

import io.merapi.base.bytes.Address;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which L1 transactions carry batcher data (specs derivation.md "L1 Retrieval"): sent to the batch
 * inbox, of type 0, 1, 2, 3 or 0x7e, and signed by the batcher address of the system config in
 * force at their block.
 */
public final class BatcherTransactions {
  private static final Set<TransactionType> TYPES =
      EnumSet.of(
          TransactionType.LEGACY,
          TransactionType.ACCESS_LIST,
          TransactionType.DYNAMIC_FEE,
          TransactionType.BLOB,
          TransactionType.DEPOSIT);

  private BatcherTransactions() {}

  /** Whether {@code tx} carries batcher data for the rollup with this inbox and batcher. */
  public static boolean isBatcherTransaction(Transaction tx, Address batchInbox, Address batcher) {
    if (tx.to().isEmpty() || !tx.to().get().equals(batchInbox)) {
      return false;
    }
    // Types outside the spec's list are ignored, as op-node's L1 signer (Cancun rules) cannot
    // recover their sender.
    if (!TYPES.contains(tx.type())) {
      return false;
    }
    try {
      // Sender recovery is the expensive part, so it comes after the cheap inbox check.
      return tx.sender().equals(batcher);
    } catch (InvalidTransactionException e) {
      return false;
    }
  }
}
