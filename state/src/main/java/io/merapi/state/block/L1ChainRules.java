package io.merapi.state.block;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.CallResult;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.state.BaseFee;
import io.merapi.state.BlobGas;
import io.merapi.state.FeeRules;
import io.merapi.state.JournaledState;
import io.merapi.state.SystemCalls;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ethereum's rules (execution-specs, forks Berlin to Osaka; geth's beacon consensus engine and
 * state processor): the priority fee to the coinbase, the EIP-4788 beacon root and EIP-2935 block
 * hash calls, withdrawals credited after the transactions, EIP-7685 requests (EIP-6110 deposits,
 * EIP-7002 and EIP-7251 system calls), EIP-1559 base fees with elasticity 2 and denominator 8, the
 * gas-limit bound of parent/1024, at most 32 bytes of extra data, and EIP-4844 blob gas with the
 * chain's blob schedule (EIP-7691, EIP-7840) and its blob-parameter-only forks (EIP-7892), the
 * Osaka excess-blob-gas rule (EIP-7918) and RLP block size limit (EIP-7934).
 */
public final class L1ChainRules implements ChainRules {
  /** Yellow Paper: the most extra data a header may carry. */
  public static final int MAXIMUM_EXTRA_DATA_SIZE = 32;

  /** A block's gas limit moves by less than parent/1024 (Yellow Paper, eq. 47). */
  public static final long GAS_LIMIT_BOUND_DIVISOR = 1024;

  public static final long MIN_GAS_LIMIT = 5000;

  /**
   * EIP-7934 (Osaka) {@code MAX_RLP_BLOCK_SIZE}: a block's RLP encoding is at most 10 MiB less a 2
   * MiB margin left for the beacon block around it, i.e. 8 MiB.
   */
  public static final int MAX_RLP_BLOCK_SIZE = 10_485_760 - 2_097_152;

  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);
  private static final TransactionProcessor PROCESSOR = new TransactionProcessor(FeeRules.L1);

  private final ChainConfig config;
  private final Map<Fork, EvmConfig> evmConfigs = new ConcurrentHashMap<>();

  public L1ChainRules(ChainConfig config) {
    this.config = config;
  }

  @Override
  public ChainConfig config() {
    return config;
  }

  @Override
  public BlockRules forBlock(Header header) {
    Fork fork = fork(header.number(), header.timestamp());
    EvmConfig evm =
        evmConfigs.computeIfAbsent(
            fork, f -> EvmConfig.l1(f, config.chainId())); // throws for unsupported forks
    return new Block(
        header,
        fork,
        evm,
        TransactionValidator.l1(config.chainId(), fork),
        config.blobScheduleAt(header.number(), header.timestamp()),
        config.depositContractAddress().orElse(DepositRequests.MAINNET_DEPOSIT_CONTRACT));
  }

  @Override
  public Optional<UInt256> baseFee(Header parent, long timestamp) {
    if (!fork(parent.number() + 1, timestamp).isAtLeast(Fork.LONDON)) {
      return Optional.empty();
    }
    if (parent.baseFeePerGas().isEmpty()) {
      return Optional.of(BaseFee.INITIAL_BASE_FEE); // the first London block
    }
    return Optional.of(
        BaseFee.next(parent.baseFeePerGas().get(), parent.gasUsed(), parent.gasLimit()));
  }

  @Override
  public OptionalLong excessBlobGas(Header parent, long timestamp) {
    Fork fork = fork(parent.number() + 1, timestamp);
    if (!fork.isAtLeast(Fork.CANCUN)) {
      return OptionalLong.empty();
    }
    // The block's own parameters (EIP-7892: those of its blob-parameter-only fork, if any).
    BlobSchedule schedule = config.blobScheduleAt(parent.number() + 1, timestamp);
    long parentExcess = parent.excessBlobGas().orElse(0);
    long parentUsed = parent.blobGasUsed().orElse(0);
    if (fork.isAtLeast(Fork.OSAKA)) {
      return OptionalLong.of(
          BlobGas.excessBlobGasOsaka(
              parentExcess, parentUsed, parent.baseFeePerGas().orElse(UInt256.ZERO), schedule));
    }
    return OptionalLong.of(BlobGas.excessBlobGas(parentExcess, parentUsed, schedule));
  }

  @Override
  public void validateHeader(Header parent, Header header) {
    if (header.extraData().length() > MAXIMUM_EXTRA_DATA_SIZE) {
      throw new InvalidBlockException(
          "extra-data longer than 32 bytes (" + header.extraData().length() + ")");
    }
    // At the London transition the gas limit doubles (the target keeps the old limit).
    long parentGasLimit = parent.gasLimit();
    if (header.baseFeePerGas().isPresent() && parent.baseFeePerGas().isEmpty()) {
      parentGasLimit *= BaseFee.ELASTICITY_MULTIPLIER;
    }
    validateGasLimit(parentGasLimit, header.gasLimit());

    Optional<UInt256> baseFee = baseFee(parent, header.timestamp());
    if (baseFee.isPresent() && !baseFee.equals(header.baseFeePerGas())) {
      throw new InvalidBlockException(
          "invalid baseFee: have "
              + header.baseFeePerGas().map(UInt256::toDecimalString).orElse("none")
              + ", want "
              + baseFee.get().toDecimalString()
              + ", parentBaseFee "
              + parent.baseFeePerGas().map(UInt256::toDecimalString).orElse("none")
              + ", parentGasUsed "
              + parent.gasUsed());
    }

    OptionalLong excess = excessBlobGas(parent, header.timestamp());
    if (excess.isPresent()) {
      long used = header.blobGasUsed().orElseThrow();
      long max = config.blobScheduleAt(header.number(), header.timestamp()).maxBlobGas();
      if (Long.compareUnsigned(used, max) > 0) {
        throw new InvalidBlockException(
            "blob gas used " + Long.toUnsignedString(used) + " exceeds maximum allowance " + max);
      }
      if (Long.remainderUnsigned(used, BlobGas.GAS_PER_BLOB) != 0) {
        throw new InvalidBlockException(
            "blob gas used "
                + used
                + " not a multiple of blob gas per blob "
                + BlobGas.GAS_PER_BLOB);
      }
      if (header.excessBlobGas().orElseThrow() != excess.getAsLong()) {
        throw new InvalidBlockException(
            "invalid excessBlobGas: have "
                + Long.toUnsignedString(header.excessBlobGas().getAsLong())
                + ", want "
                + excess.getAsLong());
      }
    }
  }

  /**
   * geth {@code VerifyGaslimit}: within parent/1024 (exclusive) of the parent's, and at least 5000.
   */
  static void validateGasLimit(long parentGasLimit, long gasLimit) {
    long diff = Math.abs(parentGasLimit - gasLimit);
    long limit = parentGasLimit / GAS_LIMIT_BOUND_DIVISOR;
    if (Long.compareUnsigned(diff, limit) >= 0) {
      throw new InvalidBlockException(
          "invalid gas limit: have "
              + gasLimit
              + ", want "
              + parentGasLimit
              + " +-= "
              + (limit - 1));
    }
    if (gasLimit < MIN_GAS_LIMIT) {
      throw new InvalidBlockException("invalid gas limit below " + MIN_GAS_LIMIT);
    }
  }

  /** One block under L1 rules. */
  private record Block(
      Header header,
      Fork fork,
      EvmConfig evmConfig,
      TransactionValidator transactionValidator,
      BlobSchedule blobSchedule,
      Address depositContract)
      implements BlockRules {

    @Override
    public void validateBody(BlockBody body) {
      boolean shanghai = fork.isAtLeast(Fork.SHANGHAI);
      if (shanghai && body.withdrawals().isEmpty()) {
        throw new InvalidBlockException("missing withdrawals in block body");
      }
      if (!shanghai && body.withdrawals().isPresent()) {
        throw new InvalidBlockException("withdrawals present in block body");
      }
      if (fork.isAtLeast(Fork.OSAKA)) {
        int size = new io.merapi.types.block.Block(header, body).encoded().length;
        if (size > MAX_RLP_BLOCK_SIZE) {
          throw new InvalidBlockException(
              "block of " + size + " RLP bytes exceeds " + MAX_RLP_BLOCK_SIZE + " (EIP-7934)");
        }
      }
    }

    @Override
    public void beforeTransactions(Evm evm, JournaledState state) {
      if (fork.isAtLeast(Fork.CANCUN)) {
        SystemCalls.processBeaconBlockRoot(
            evm,
            state,
            header
                .parentBeaconBlockRoot()
                .orElseThrow(() -> new InvalidBlockException("header is missing beaconRoot")));
      }
      if (fork.isAtLeast(Fork.PRAGUE)) {
        SystemCalls.processHistoryStorage(evm, state, header.parentHash());
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
      return PROCESSOR.process(evm, state, tx, sender, gasAvailable, blobGasAvailable);
    }

    @Override
    public Receipt receipt(
        Transaction tx, TransactionResult.Executed result, long cumulativeGasUsed) {
      return Receipt.of(tx.type(), result.isSuccess(), cumulativeGasUsed, result.logs());
    }

    @Override
    public void afterTransactions(JournaledState state, Optional<List<Withdrawal>> withdrawals) {
      // EIP-4895: amounts in gwei, credited without gas, after every transaction.
      for (Withdrawal w : withdrawals.orElse(List.of())) {
        state.addBalance(w.address(), GWEI.multiply(w.amount()));
      }
      state.finishTransaction(true);
    }

    @Override
    public long maxBlobGas() {
      return evmConfig.rules().hasBlobs() ? blobSchedule.maxBlobGas() : 0;
    }

    /**
     * Prague's requests in type order: deposits from the deposit contract's logs, then what the
     * EIP-7002 and EIP-7251 contracts return when the system calls them. Those two calls must find
     * code and succeed, or the block is invalid.
     */
    @Override
    public Optional<ExecutionRequests> requests(
        Evm evm, JournaledState state, List<Receipt> receipts) {
      if (!fork.isAtLeast(Fork.PRAGUE)) {
        return Optional.empty();
      }
      List<Bytes> requests = new ArrayList<>();
      add(
          requests,
          ExecutionRequests.DEPOSIT_TYPE,
          DepositRequests.parse(receipts, depositContract));
      add(
          requests,
          ExecutionRequests.WITHDRAWAL_TYPE,
          checkedCall(evm, state, SystemCalls.WITHDRAWAL_REQUEST_ADDRESS));
      add(
          requests,
          ExecutionRequests.CONSOLIDATION_TYPE,
          checkedCall(evm, state, SystemCalls.CONSOLIDATION_REQUEST_ADDRESS));
      return Optional.of(new ExecutionRequests(requests));
    }

    private static void add(List<Bytes> requests, byte type, byte[] data) {
      if (data.length > 0) {
        byte[] request = new byte[1 + data.length];
        request[0] = type;
        System.arraycopy(data, 0, request, 1, data.length);
        requests.add(Bytes.wrap(request));
      }
    }

    private static byte[] checkedCall(Evm evm, JournaledState state, Address target) {
      if (state.codeSize(target) == 0) {
        throw new InvalidBlockException("system contract " + target + " has no code");
      }
      CallResult result = SystemCalls.call(evm, state, target, new byte[0]);
      if (!result.halt().isSuccess()) {
        throw new InvalidBlockException(
            "system contract " + target + " call failed: " + result.halt());
      }
      return result.output();
    }
  }
}
