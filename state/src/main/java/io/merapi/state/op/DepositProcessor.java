package io.merapi.state.op;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.CallResult;
import io.merapi.evm.Evm;
import io.merapi.evm.ForkRules;
import io.merapi.evm.GasCosts;
import io.merapi.evm.Message;
import io.merapi.evm.TxContext;
import io.merapi.state.JournaledState;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.IntrinsicGas;
import java.util.List;
import java.util.Optional;

/**
 * Executes deposited transactions (specs deposits.md "Execution"; op-geth {@code StateTransition}
 * for {@code IsDepositTx}). A deposit mints {@code mint} to {@code from} unconditionally, then runs
 * like an EIP-1559 transaction without signature, nonce, fee, access list or EOA checks, and pays
 * no fees: its gas was bought on L1 and is never refunded as ETH.
 *
 * <p>Gas accounting: before Regolith a deposit reports its whole gas limit as used, and an {@code
 * isSystemTx} deposit reports 0 and leaves the block gas pool alone; from Regolith the gas actually
 * used (after the EIP-3529 refund) is reported and {@code isSystemTx} is refused. A deposit that
 * fails outside the EVM (too little intrinsic gas, a value it cannot transfer, init code too large,
 * a Regolith system transaction) is still included: the state returns to just after the mint, the
 * sender's nonce goes up by one, and the receipt shows failure with the whole gas limit used.
 */
public final class DepositProcessor {
  private final boolean regolith;

  /** {@code regolith}: whether the block is at or past Regolith. */
  public DepositProcessor(boolean regolith) {
    this.regolith = regolith;
  }

  /**
   * Runs {@code tx} with {@code evm} on {@code state} when {@code gasAvailable} is left of the
   * block gas limit, and ends the transaction in {@code state}.
   */
  public DepositResult process(
      Evm evm, JournaledState state, DepositTransaction tx, long gasAvailable) {
    Address from = tx.from();
    long gasLimit = tx.gasLimit();
    if (!tx.mint().isZero()) {
      state.addBalance(from, tx.mint());
    }
    // Everything after the mint is undone if the deposit fails.
    int afterMint = state.checkpoint();
    long depositNonce = state.nonce(from);

    boolean chargesPool;
    if (tx.isSystemTx()) {
      if (regolith) {
        return failed(state, from, afterMint, depositNonce, gasLimit, 0, "system tx not supported");
      }
      chargesPool = false;
    } else {
      if (Long.compareUnsigned(gasLimit, gasAvailable) > 0) {
        return new DepositResult.BlockGasExceeded(
            "gas limit reached: deposit "
                + tx.hash()
                + " needs "
                + Long.toUnsignedString(gasLimit)
                + ", block has "
                + gasAvailable);
      }
      chargesPool = true;
    }
    long poolCharge = chargesPool ? gasLimit : 0;

    ForkRules rules = evm.config().rules();
    long intrinsic = IntrinsicGas.of(tx, rules.fork()).gas();
    if (Long.compareUnsigned(gasLimit, intrinsic) < 0) {
      return failed(
          state,
          from,
          afterMint,
          depositNonce,
          gasLimit,
          poolCharge,
          "intrinsic gas too low: have " + Long.toUnsignedString(gasLimit) + ", want " + intrinsic);
    }
    UInt256 value = tx.value();
    if (!value.isZero() && state.balance(from).compareTo(value) < 0) {
      return failed(
          state,
          from,
          afterMint,
          depositNonce,
          gasLimit,
          poolCharge,
          "insufficient funds for transfer: address " + from);
    }
    if (rules.hasInitcodeLimit()
        && tx.isContractCreation()
        && tx.data().length() > GasCosts.MAX_INITCODE_SIZE) {
      return failed(
          state,
          from,
          afterMint,
          depositNonce,
          gasLimit,
          poolCharge,
          "max initcode size exceeded: code size " + tx.data().length());
    }

    // EIP-2929 warm set as for any transaction; a deposit has no access list.
    state.accessAccount(from);
    tx.to().ifPresent(state::accessAccount);
    evm.config().precompiles().addresses().forEach(state::accessAccount);
    if (rules.hasWarmCoinbase()) {
      state.accessAccount(evm.block().coinbase());
    }
    long gas = gasLimit - intrinsic;
    Message message;
    if (tx.to().isPresent()) {
      state.setNonce(from, depositNonce + 1);
      message = Message.call(from, tx.to().get(), value, tx.data().array(), gas);
    } else {
      message = Message.create(from, value, tx.data().array(), gas);
    }
    CallResult call = evm.execute(new TxContext(from, UInt256.ZERO, List.of()), message);

    long gasUsed;
    long blockGasUsed;
    if (!regolith) {
      gasUsed = tx.isSystemTx() ? 0 : gasLimit;
      blockGasUsed = poolCharge;
    } else {
      // The refund lowers the gas used (the gas price is zero, so no ETH moves).
      long used = gasLimit - call.gasLeft();
      long refund = Math.min(used / rules.maxRefundQuotient(), Math.max(0, state.refund()));
      gasUsed = used - refund;
      blockGasUsed = gasUsed;
    }
    DepositResult.Included result =
        new DepositResult.Included(
            call.isSuccess(),
            call.halt().message(),
            gasUsed,
            blockGasUsed,
            depositNonce,
            state.logs(),
            call.output(),
            call.createdAddress());
    state.finishTransaction(true);
    return result;
  }

  /** A deposit that failed outside the EVM: back to after the mint, nonce bumped, all gas used. */
  private DepositResult failed(
      JournaledState state,
      Address from,
      int afterMint,
      long depositNonce,
      long gasLimit,
      long poolCharge,
      String reason) {
    state.revertTo(afterMint);
    state.setNonce(from, depositNonce + 1);
    // Pre-Regolith system transactions report no gas anywhere; every other failure all of it.
    long gasUsed = !regolith && poolCharge == 0 ? 0 : gasLimit;
    DepositResult.Included result =
        new DepositResult.Included(
            false,
            "failed deposit: " + reason,
            gasUsed,
            poolCharge,
            depositNonce,
            List.of(),
            new byte[0],
            Optional.empty());
    state.finishTransaction(true);
    return result;
  }
}
