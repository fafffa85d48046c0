package io.merapi.state.op;

import io.merapi.base.bytes.Address;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Halt;
import io.merapi.state.JournaledState;
import io.merapi.state.SystemCalls;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.state.block.BlockRules;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OpFork;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import io.merapi.types.transaction.TransactionValidator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One L2 block under OP Stack rules, for the chain's {@link io.merapi.state.block.BlockExecutor}:
 * the Canyon create2Deployer upgrade and the EIP-4788 beacon root call before the transactions,
 * deposits through {@link DepositProcessor}, other transactions with {@link OpFeeRules}, deposit
 * receipts with their nonce (Regolith) and version (Canyon), deposits first, no blob transactions,
 * and an empty withdrawals list from Canyon. Keeps per-block state (the fee rules read once from
 * the L1Block predeploy, the last deposit's nonce for its receipt); used for one block.
 */
final class OpBlockRules implements BlockRules {
  private final OpChainRules chain;
  private final Header header;
  private final Fork fork;
  private final EvmConfig evmConfig;
  private final TransactionValidator validator;
  private final boolean regolith;
  private final boolean canyon;
  private final DepositProcessor deposits;
  private OpFeeRules fees;
  private TransactionProcessor processor;
  private long lastDepositNonce;
  private long lastDepositPoolCharge;

  OpBlockRules(OpChainRules chain, Header header) {
    this.chain = chain;
    this.header = header;
    long number = header.number();
    long timestamp = header.timestamp();
    this.fork = chain.fork(number, timestamp);
    this.evmConfig = chain.evmConfig(number, timestamp);
    this.validator = TransactionValidator.opStack(chain.config().chainId(), fork);
    this.regolith = chain.isActive(OpFork.REGOLITH, number, timestamp);
    this.canyon = chain.isActive(OpFork.CANYON, number, timestamp);
    this.deposits = new DepositProcessor(regolith);
  }

  @Override
  public Header header() {
    return header;
  }

  @Override
  public Fork fork() {
    return fork;
  }

  @Override
  public EvmConfig evmConfig() {
    return evmConfig;
  }

  @Override
  public TransactionValidator transactionValidator() {
    return validator;
  }

  @Override
  public void validateBody(BlockBody body) {
    if (canyon) {
      if (body.withdrawals().isEmpty()) {
        throw new InvalidBlockException("missing withdrawals in block body (Canyon)");
      }
      if (!body.withdrawals().get().isEmpty()) {
        throw new InvalidBlockException("withdrawals are not allowed on L2");
      }
    } else if (body.withdrawals().isPresent()) {
      throw new InvalidBlockException("withdrawals present in block body before Canyon");
    }
    checkDepositsFirst(body.transactions());
  }

  /** Deposits come first in an L2 block (specs deposits.md "Kinds of Deposited Transactions"). */
  static void checkDepositsFirst(List<Transaction> transactions) {
    boolean sawOther = false;
    for (int i = 0; i < transactions.size(); i++) {
      boolean deposit = transactions.get(i).type() == TransactionType.DEPOSIT;
      if (deposit && sawOther) {
        throw new InvalidBlockException(
            "transaction " + i + " is a deposit after a non-deposit transaction");
      }
      sawOther |= !deposit;
    }
  }

  @Override
  public void beforeTransactions(Evm evm, JournaledState state) {
    if (chain.placesCreate2Deployer(header.timestamp())) {
      Create2Deployer.place(state);
      state.finishTransaction(true);
    }
    if (fork.isAtLeast(Fork.CANCUN)) {
      SystemCalls.processBeaconBlockRoot(
          evm,
          state,
          header
              .parentBeaconBlockRoot()
              .orElseThrow(() -> new InvalidBlockException("header is missing beaconRoot")));
    }
  }

  @Override
  public TransactionResult applyTransaction(
      Evm evm,
      JournaledState state,
      Transaction tx,
      Address sender,
      long gasAvailable,
      long blobGasAvailable) {
    if (tx instanceof DepositTransaction deposit) {
      return switch (deposits.process(evm, state, deposit, gasAvailable)) {
        case DepositResult.BlockGasExceeded exceeded ->
            new TransactionResult.Invalid(
                TransactionResult.InvalidReason.GAS_ALLOWANCE_EXCEEDED, exceeded.message());
        case DepositResult.Included included -> {
          lastDepositNonce = included.depositNonce();
          lastDepositPoolCharge = included.blockGasUsed();
          yield new TransactionResult.Executed(
              included.success() ? Halt.STOP : Halt.REVERT,
              included.gasUsed(),
              0,
              included.logs(),
              included.output(),
              included.contractAddress(),
              0);
        }
      };
    }
    if (tx.type() == TransactionType.BLOB) {
      return new TransactionResult.Invalid(
          TransactionResult.InvalidReason.TYPE_NOT_SUPPORTED,
          "blob transactions are not allowed on L2 (Ecotone)");
    }
    if (processor == null) {
      fees = OpFeeRules.forBlock(chain, header.number(), header.timestamp(), state);
      processor = new TransactionProcessor(fees);
    }
    return processor.process(evm, state, tx, sender, gasAvailable, 0);
  }

  @Override
  public long gasPoolCharge(Transaction tx, TransactionResult.Executed result) {
    return tx.type() == TransactionType.DEPOSIT ? lastDepositPoolCharge : result.gasUsed();
  }

  @Override
  public Receipt receipt(
      Transaction tx, TransactionResult.Executed result, long cumulativeGasUsed) {
    if (tx.type() == TransactionType.DEPOSIT) {
      return Receipt.deposit(
          result.isSuccess(),
          cumulativeGasUsed,
          result.logs(),
          regolith ? OptionalLong.of(lastDepositNonce) : OptionalLong.empty(),
          regolith && canyon ? OptionalLong.of(1) : OptionalLong.empty());
    }
    return Receipt.of(tx.type(), result.isSuccess(), cumulativeGasUsed, result.logs());
  }

  @Override
  public void afterTransactions(JournaledState state, Optional<List<Withdrawal>> withdrawals) {
    if (withdrawals.isPresent() && !withdrawals.get().isEmpty()) {
      throw new InvalidBlockException("withdrawals are not allowed on L2");
    }
    state.finishTransaction(true);
  }

  @Override
  public long maxBlobGas() {
    return 0;
  }
}
