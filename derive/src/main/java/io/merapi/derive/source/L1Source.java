package io.merapi.derive.source;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * The L1 chain as derivation reads it (op-node's {@code L1Fetcher}). The rollup node answers from
 * an L1 RPC, the fault-proof program from its pre-image oracle, tests from memory. A source that
 * cannot answer right now throws {@link io.merapi.derive.DerivationException.Temporary}.
 */
public interface L1Source {
  /** The canonical block at {@code number}, or empty if the L1 has none yet. */
  Optional<L1BlockRef> blockRefByNumber(long number);

  /** The block with {@code hash}. */
  L1BlockRef blockRefByHash(Hash hash);

  /** The header of the block with {@code hash}. */
  Header headerByHash(Hash hash);

  /** The transactions of the block with {@code hash}, in order. */
  List<Transaction> transactionsByHash(Hash hash);

  /** The receipts of the block with {@code hash}, in transaction order. */
  List<Receipt> receiptsByHash(Hash hash);
}
