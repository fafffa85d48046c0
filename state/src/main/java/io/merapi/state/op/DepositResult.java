package io.merapi.state.op;

import io.merapi.base.bytes.Address;
import io.merapi.types.receipt.Log;
import java.util.List;
import java.util.Optional;

/** The outcome of a deposit: included (successfully or not), or the block cannot hold it. */
public sealed interface DepositResult {

  /**
   * The deposit's gas does not fit in what is left of the block gas limit: the only way a deposit
   * makes a block invalid (op-geth returns {@code ErrGasLimitReached} unchanged).
   */
  record BlockGasExceeded(String message) implements DepositResult {}

  /**
   * The deposit is in the block. {@code error} is empty on success, else the EVM halt or the
   * failed-deposit reason. {@code gasUsed} is what the receipt records (and the header sums);
   * {@code blockGasUsed} what the block gas pool gave up — equal except for the pre-Regolith {@code
   * isSystemTx} and the Regolith system-transaction edge case, exactly as op-geth keeps them.
   * {@code depositNonce} is the sender's nonce before the deposit ran.
   */
  record Included(
      boolean success,
      String error,
      long gasUsed,
      long blockGasUsed,
      long depositNonce,
      List<Log> logs,
      byte[] output,
      Optional<Address> contractAddress)
      implements DepositResult {
    public Included {
      logs = List.copyOf(logs);
    }
  }
}
