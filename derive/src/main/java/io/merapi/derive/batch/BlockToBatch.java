package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.state.op.L1Attributes;
import io.merapi.types.block.Block;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * An L2 block as a batcher batches it (op-node {@code BlockToSingularBatch}): its parent hash,
 * timestamp and non-deposit transactions, and its epoch read from the L1 attributes deposit that
 * opens every L2 block.
 */
public final class BlockToBatch {
  private BlockToBatch() {}

  /** A block's batch and the L1 attributes of its first transaction. */
  public record Result(SingularBatch batch, L1Attributes l1Info) {
    /** The block's position in its epoch. */
    public long sequenceNumber() {
      return l1Info.sequenceNumber();
    }
  }

  /**
   * @throws IllegalArgumentException if the block has no transactions or does not start with the L1
   *     attributes deposit
   */
  public static Result toSingularBatch(Block block) {
    return toSingularBatch(
        block.header().parentHash(), block.header().timestamp(), block.transactions());
  }

  /** The same for a block given by its parent hash, timestamp and transactions. */
  public static Result toSingularBatch(
      Hash parentHash, long timestamp, List<Transaction> transactions) {
    if (transactions.isEmpty()) {
      throw new IllegalArgumentException("the block has no transactions, not even L1 attributes");
    }
    if (!(transactions.get(0) instanceof DepositTransaction l1InfoTx)) {
      throw new IllegalArgumentException(
          "the block's first transaction is not a deposit (the L1 attributes)");
    }
    L1Attributes l1Info = L1Attributes.decode(l1InfoTx.data());
    List<Bytes> opaque = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      if (!(tx instanceof DepositTransaction)) {
        opaque.add(Bytes.wrap(tx.encoded()));
      }
    }
    SingularBatch batch =
        new SingularBatch(parentHash, l1Info.number(), l1Info.hash(), timestamp, opaque);
    return new Result(batch, l1Info);
  }
}
