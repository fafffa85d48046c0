package io.merapi.state.block;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.state.BlobGas;
import io.merapi.state.JournaledState;
import io.merapi.state.StateReader;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.transaction.Transaction;
import java.util.List;

/**
 * Executes blocks under one chain's {@link ChainRules} (geth's state processor): the fork's system
 * actions, the transactions in order with receipts, the withdrawals. Pure: the state after the
 * parent comes in through a {@link StateReader}, ancestors' hashes through a {@link
 * BlockContext.BlockHashLookup}, and the results go out as a {@link BlockExecution}; committing
 * them (state root, storage) and comparing them with the header is the caller's job.
 *
 * <p>Thread-safe: each call works on its own state.
 */
public final class BlockExecutor {
  private final ChainRules rules;

  public BlockExecutor(ChainRules rules) {
    this.rules = rules;
  }

  public ChainRules rules() {
    return rules;
  }

  /**
   * Executes every transaction of {@code block} on {@code parentState}.
   *
   * @throws InvalidBlockException if the body breaks the chain's rules or a transaction may not be
   *     included
   * @throws io.merapi.evm.UnsupportedForkException if the block's fork is not implemented
   */
  public BlockExecution execute(
      Block block, StateReader parentState, BlockContext.BlockHashLookup ancestors) {
    BlockRules blockRules = rules.forBlock(block.header());
    blockRules.validateBody(block.body());
    PendingBlock pending =
        new PendingBlock(
            blockRules,
            new JournaledState(parentState),
            context(block.header(), ancestors, blockRules.blobSchedule()));
    List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      if (pending.add(txs.get(i)) instanceof PendingBlock.Inclusion.Rejected rejected) {
        throw new InvalidBlockException(
            "invalid transaction " + i + " (" + txs.get(i).hash() + "): " + rejected.reason());
      }
    }
    return pending.finish(block.withdrawals());
  }

  /**
   * Starts a block with {@code header} on {@code parentState}: runs the system actions and returns
   * the block to add transactions to. Only the header's environment fields are read (coinbase,
   * number, timestamp, gas limit, base fee, prevRandao, excess blob gas, parent beacon root); its
   * result fields may be anything.
   */
  public PendingBlock start(
      Header header, StateReader parentState, BlockContext.BlockHashLookup ancestors) {
    BlockRules blockRules = rules.forBlock(header);
    return new PendingBlock(
        blockRules,
        new JournaledState(parentState),
        context(header, ancestors, blockRules.blobSchedule()));
  }

  /** What the EVM sees of a block with {@code header} under {@code blobs}' blob base fee. */
  public static BlockContext context(
      Header header, BlockContext.BlockHashLookup ancestors, BlobSchedule blobs) {
    return new BlockContext(
        header.coinbase(),
        header.number(),
        header.timestamp(),
        header.gasLimit(),
        header.baseFeePerGas().orElse(UInt256.ZERO),
        header.difficulty(),
        header.mixHash(),
        header.excessBlobGas().isPresent()
            ? BlobGas.baseFee(header.excessBlobGas().getAsLong(), blobs)
            : UInt256.ZERO,
        ancestors);
  }

  /** A lookup for a block without ancestors (genesis, tools): every hash is zero. */
  public static final BlockContext.BlockHashLookup NO_ANCESTORS = number -> Hash.ZERO;
}
