package io.merapi.state.block;

import io.merapi.base.bytes.Address;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.state.JournaledState;
import io.merapi.state.TransactionResult;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.Fork;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionValidator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one chain for one block, as {@link ChainRules#forBlock} resolves them: which EVM,
 * which transactions are allowed, what happens before the first transaction and after the last, how
 * a transaction is applied and what its receipt holds. {@link BlockExecutor} calls these in order:
 * {@link #validateBody}, {@link #beforeTransactions}, then per transaction {@link
 * #transactionValidator} and {@link #applyTransaction} and {@link #receipt}, then {@link
 * #afterTransactions}. An implementation may keep per-block state between these calls.
 */
public interface BlockRules {
  Header header();

  Fork fork();

  /** The EVM's rules, chain id and precompiles for this block. */
  EvmConfig evmConfig();

  /** The checks a transaction must pass before it touches the state (type, signature, fields). */
  TransactionValidator transactionValidator();

  /**
   * Body checks beyond the roots (which the chain compares): L1 wants a withdrawals list exactly
   * from Shanghai; an OP chain wants it empty.
   *
   * @throws InvalidBlockException if the body breaks one
   */
  void validateBody(BlockBody body);

  /**
   * System actions before the first transaction, on the block's state: L1's EIP-4788 beacon root
   * call from Cancun; an OP chain adds its upgrade transactions of state (Canyon's
   * create2Deployer).
   */
  void beforeTransactions(Evm evm, JournaledState state);

  /**
   * Applies one transaction from {@code sender} within the block's remaining gas and blob gas and
   * ends it in {@code state}. An invalid transaction leaves the state as it was.
   */
  TransactionResult applyTransaction(
      Evm evm,
      JournaledState state,
      Transaction tx,
      Address sender,
      long gasAvailable,
      long blobGasAvailable);

  /**
   * How much of the block gas limit the transaction just applied took from what later transactions
   * may use. On L1 that is its gas used; an OP deposit may differ (op-geth's gas pool: a
   * pre-Regolith system deposit takes none, a refused Regolith system deposit reports its whole gas
   * limit as used without taking it).
   */
  default long gasPoolCharge(Transaction tx, TransactionResult.Executed result) {
    return result.gasUsed();
  }

  /** The receipt of an executed transaction, given the block's gas used so far including it. */
  Receipt receipt(Transaction tx, TransactionResult.Executed result, long cumulativeGasUsed);

  /**
   * After the last transaction: L1 credits the withdrawals (in gwei). Ends with a finished state.
   */
  void afterTransactions(JournaledState state, Optional<List<Withdrawal>> withdrawals);

  /** The block's blob gas parameters (EIP-7691, EIP-7840); Cancun's unless a fork says more. */
  default BlobSchedule blobSchedule() {
    return BlobSchedule.CANCUN;
  }

  /**
   * EIP-7685: the block's execution-layer requests, gathered after {@link #afterTransactions} from
   * the receipts and by end-of-block system calls; empty for a block without requests (before
   * Prague, and on OP chains).
   */
  default Optional<ExecutionRequests> requests(
      Evm evm, JournaledState state, List<Receipt> receipts) {
    return Optional.empty();
  }

  /** The most blob gas the block may use (0 where blobs are not allowed). */
  long maxBlobGas();
}
