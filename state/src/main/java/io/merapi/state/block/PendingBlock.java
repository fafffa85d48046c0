package io.merapi.state.block;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.Tracer;
import io.merapi.state.JournaledState;
import io.merapi.state.TransactionResult;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A block being executed one transaction at a time, on the state after its parent: the system
 * actions ran when it was started, each {@link #add} applies one transaction or rejects it without
 * changing anything, and {@link #finish} applies the withdrawals and hands back the results. Block
 * import adds the block's transactions and fails on the first rejection; a block builder skips
 * rejected ones. One thread; used once.
 */
public final class PendingBlock {
  private final BlockRules rules;
  private final JournaledState state;
  private final BlockContext context;
  private final Evm evm;
  private final long maxBlobGas;
  private final List<Transaction> transactions = new ArrayList<>();
  private final List<Receipt> receipts = new ArrayList<>();
  private final LogsBloom.Builder bloom = LogsBloom.builder();
  private long gasUsed;
  // What the block gas limit has given up so far; equals gasUsed except for some OP deposits.
  private long gasPoolUsed;
  private long blobGasUsed;
  private boolean finished;

  PendingBlock(BlockRules rules, JournaledState state, BlockContext context) {
    this.rules = rules;
    this.state = state;
    this.context = context;
    this.evm = new Evm(rules.evmConfig(), state, context, Tracer.NONE);
    this.maxBlobGas = rules.maxBlobGas();
    rules.beforeTransactions(evm, state);
  }

  /** The outcome of offering a transaction. */
  public sealed interface Inclusion {
    /** Included at {@code index} with {@code receipt}. */
    record Included(int index, Receipt receipt, TransactionResult.Executed result)
        implements Inclusion {}

    /** Not included; the state is unchanged. */
    record Rejected(String reason) implements Inclusion {}
  }

  public Inclusion add(Transaction tx) {
    return add(tx, Tracer.NONE);
  }

  /** Offers {@code tx}, traced instruction by instruction by {@code tracer}. */
  public Inclusion add(Transaction tx, Tracer tracer) {
    checkOpen();
    Address sender;
    try {
      rules.transactionValidator().validate(tx);
      sender = tx.sender();
    } catch (InvalidTransactionException e) {
      return new Inclusion.Rejected(e.getMessage());
    }
    Evm runner = tracer == Tracer.NONE ? evm : new Evm(rules.evmConfig(), state, context, tracer);
    TransactionResult result =
        rules.applyTransaction(
            runner,
            state,
            tx,
            sender,
            rules.header().gasLimit() - gasPoolUsed,
            maxBlobGas - blobGasUsed);
    return switch (result) {
      case TransactionResult.Invalid invalid -> new Inclusion.Rejected(invalid.message());
      case TransactionResult.Executed executed -> {
        gasUsed += executed.gasUsed();
        gasPoolUsed += rules.gasPoolCharge(tx, executed);
        blobGasUsed += executed.blobGasUsed();
        Receipt receipt = rules.receipt(tx, executed, gasUsed);
        bloom.or(receipt.logsBloom());
        transactions.add(tx);
        receipts.add(receipt);
        yield new Inclusion.Included(transactions.size() - 1, receipt, executed);
      }
    };
  }

  /** Gas used by the transactions so far. */
  public long gasUsed() {
    return gasUsed;
  }

  public long blobGasUsed() {
    return blobGasUsed;
  }

  public List<Transaction> transactions() {
    return List.copyOf(transactions);
  }

  public List<Receipt> receipts() {
    return List.copyOf(receipts);
  }

  /** The state as it stands after the transactions so far (for calls on a pending block). */
  public JournaledState state() {
    return state;
  }

  public BlockRules rules() {
    return rules;
  }

  /** Applies the withdrawals, gathers the EIP-7685 requests and ends the block. */
  public BlockExecution finish(Optional<List<Withdrawal>> withdrawals) {
    checkOpen();
    finished = true;
    rules.afterTransactions(state, withdrawals);
    Optional<ExecutionRequests> requests = rules.requests(evm, state, receipts);
    return new BlockExecution(
        transactions,
        receipts,
        withdrawals,
        gasUsed,
        blobGasUsed,
        bloom.build(),
        state.changes(),
        requests);
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("the block is finished");
    }
  }
}
