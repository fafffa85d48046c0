package io.merapi.state;

import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.types.transaction.Transaction;

/**
 * Where a transaction's fees come from and go to. On Ethereum the priority fee goes to the block's
 * fee recipient and the base fee and blob fee are burnt ({@link #L1}). The OP Stack charges an L1
 * data fee up front and pays base fee and L1 fee into vaults; it plugs in here without changes to
 * {@link TransactionProcessor}.
 */
public interface FeeRules {

  /** Charged with the gas before execution and never refunded (OP: the L1 data fee). */
  default UInt256 extraUpfrontCost(Transaction tx, BlockContext block) {
    return UInt256.ZERO;
  }

  /** Pays out after execution, once the gas used (after refund) is known. */
  void payFees(
      JournaledState state, BlockContext block, Transaction tx, long gasUsed, UInt256 effectiveTip);

  /** Ethereum: the tip to the coinbase (always credited, so the coinbase is touched). */
  FeeRules L1 =
      (state, block, tx, gasUsed, effectiveTip) ->
          state.addBalance(block.coinbase(), effectiveTip.multiply(gasUsed));
}
