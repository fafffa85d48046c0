package io.merapi.state.op;

import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.state.FeeRules;
import io.merapi.state.JournaledState;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;

/**
 * The fees of non-deposit transactions on an OP chain (specs exec-engine.md "Fees"): the priority
 * fee to the block's fee recipient (the SequencerFeeVault), the base fee to the BaseFeeVault
 * instead of being burnt, and the L1 data fee, charged up front with the gas and never refunded, to
 * the L1FeeVault.
 *
 * <p>One instance serves one block. The L1 cost function is read from the L1Block predeploy at the
 * block's first non-deposit transaction, after the deposits that set it (consensus critical, as in
 * op-geth), and kept for the rest of the block.
 */
public final class OpFeeRules implements FeeRules {
  private final L1BlockInfo.StorageView storage;
  private final boolean regolith;
  private final boolean ecotone;
  private final boolean fjord;
  private L1CostFunction costFunction;
  private Transaction lastTransaction;
  private RollupCostData lastCostData;

  public OpFeeRules(
      L1BlockInfo.StorageView storage, boolean regolith, boolean ecotone, boolean fjord) {
    this.storage = storage;
    this.regolith = regolith;
    this.ecotone = ecotone;
    this.fjord = fjord;
  }

  /** The rules of one block of {@code rules}' chain, reading the L1Block predeploy from state. */
  public static OpFeeRules forBlock(
      OpChainRules rules, long number, long timestamp, JournaledState state) {
    return new OpFeeRules(
        state::storage,
        rules.isActive(io.merapi.types.config.OpFork.REGOLITH, number, timestamp),
        rules.isActive(io.merapi.types.config.OpFork.ECOTONE, number, timestamp),
        rules.isActive(io.merapi.types.config.OpFork.FJORD, number, timestamp));
  }

  /** The block's L1 cost function (read once, on first use). */
  public L1CostFunction costFunction() {
    if (costFunction == null) {
      costFunction = L1BlockInfo.costFunction(storage, regolith, ecotone, fjord);
    }
    return costFunction;
  }

  /** The cost data of a transaction (the last one is kept: fees ask twice per transaction). */
  public RollupCostData costData(Transaction tx) {
    if (tx != lastTransaction) {
      lastCostData = RollupCostData.of(tx.encoded());
      lastTransaction = tx;
    }
    return lastCostData;
  }

  /** The L1 data fee of {@code tx}; zero for deposits. */
  public UInt256 l1Cost(Transaction tx) {
    if (tx.type() == TransactionType.DEPOSIT) {
      return UInt256.ZERO;
    }
    return costFunction().fee(costData(tx));
  }

  @Override
  public UInt256 extraUpfrontCost(Transaction tx, BlockContext block) {
    return l1Cost(tx);
  }

  @Override
  public void payFees(
      JournaledState state,
      BlockContext block,
      Transaction tx,
      long gasUsed,
      UInt256 effectiveTip) {
    state.addBalance(block.coinbase(), effectiveTip.multiply(gasUsed));
    state.addBalance(Predeploys.BASE_FEE_VAULT, block.baseFee().multiply(gasUsed));
    state.addBalance(Predeploys.L1_FEE_VAULT, l1Cost(tx));
  }
}
