package io.merapi.state.tool.t8n;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.ForkRules;
import io.merapi.evm.Tracer;
import io.merapi.state.BaseFee;
import io.merapi.state.BlobGas;
import io.merapi.state.FeeRules;
import io.merapi.state.InMemoryState;
import io.merapi.state.JournaledState;
import io.merapi.state.SystemCalls;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.state.tool.statetest.StateTestRunner;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.config.Fork;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import io.merapi.types.transaction.TransactionValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * The state transition of geth's {@code evm t8n}: applies a list of transactions to a pre-state in
 * one block environment, rejecting (and skipping) invalid ones, then pays the block reward and
 * withdrawals, and reports roots, receipts, the post-state and the block body.
 */
public final class Transition {
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private Transition() {}

  /** One input transaction: decoded, or the error that stopped its decoding or signing. */
  public sealed interface TxInput {
    record Decoded(Transaction tx) implements TxInput {}

    record Failed(String error) implements TxInput {}
  }

  /**
   * Runs the transition. {@code reward} below zero means no block reward; {@code tracers} gives a
   * tracer for each transaction by index and hash.
   */
  public static T8nResult apply(
      String forkName,
      long chainId,
      long reward,
      InMemoryState alloc,
      T8nEnv env,
      List<TxInput> txs,
      BiFunction<Integer, Hash, Tracer> tracers) {
    Fork fork =
        Fork.fromName(forkName)
            .orElseThrow(() -> new T8nException(T8nException.CONFIG, "unknown fork: " + forkName));
    ForkRules rules =
        ForkRules.of(fork)
            .orElseThrow(
                () ->
                    new T8nException(
                        T8nException.CONFIG,
                        "fork " + fork.testName() + " is not supported (Berlin to Cancun)"));
    if (fork.isAtLeast(Fork.PRAGUE)) {
      // The EVM has Prague's rules, but this tool does not yet make Prague's block-level calls
      // (EIP-2935, EIP-7002, EIP-7251), report requests, or read the blob schedule: refused rather
      // than reporting a wrong post-state.
      throw new T8nException(
          T8nException.CONFIG,
          "fork " + fork.testName() + " is not supported by t8n yet (Berlin to Cancun)");
    }
    EvmConfig config = EvmConfig.l1(fork, chainId);

    // The environment checks of geth's t8n, and the values it derives.
    // As in geth, a given base fee is reported (and visible) whatever the fork.
    Optional<UInt256> baseFee = env.baseFee();
    if (rules.hasBaseFee()) {
      if (env.baseFee().isPresent()) {
        baseFee = env.baseFee();
      } else if (env.parentBaseFee().isEmpty() || env.number() == 0) {
        throw new T8nException(
            T8nException.CONFIG, "EIP-1559 config but missing 'parentBaseFee' in env section");
      } else {
        baseFee =
            Optional.of(
                BaseFee.next(env.parentBaseFee().get(), env.parentGasUsed(), env.parentGasLimit()));
      }
    }
    if (fork.isAtLeast(Fork.SHANGHAI) && env.withdrawals().isEmpty()) {
      throw new T8nException(
          T8nException.CONFIG, "Shanghai config but missing 'withdrawals' in env section");
    }
    Optional<UInt256> difficulty;
    if (rules.hasPrevRandao()) {
      if (env.random().isEmpty()) {
        throw new T8nException(
            T8nException.CONFIG, "post-merge requires currentRandom to be defined in env");
      }
      if (env.difficulty().isPresent() && !env.difficulty().get().isZero()) {
        throw new T8nException(
            T8nException.CONFIG, "post-merge difficulty must be zero (or omitted) in env");
      }
      difficulty = Optional.empty();
    } else if (env.difficulty().isPresent()) {
      difficulty = env.difficulty();
    } else if (env.parentDifficulty().isEmpty()) {
      throw new T8nException(
          T8nException.CONFIG,
          "currentDifficulty was not provided, and cannot be calculated due to missing"
              + " parentDifficulty");
    } else if (env.number() == 0) {
      throw new T8nException(
          T8nException.CONFIG, "currentDifficulty needs to be provided for block number 0");
    } else if (Long.compareUnsigned(env.timestamp(), env.parentTimestamp()) <= 0) {
      throw new T8nException(
          T8nException.CONFIG,
          "currentDifficulty cannot be calculated -- currentTime ("
              + env.timestamp()
              + ") needs to be after parent time ("
              + env.parentTimestamp()
              + ")");
    } else {
      difficulty =
          Optional.of(
              Difficulty.calculate(
                  fork,
                  env.number(),
                  env.timestamp(),
                  env.parentTimestamp(),
                  env.parentDifficulty().get(),
                  env.parentUncleHash()));
    }
    Optional<Hash> beaconRoot = env.parentBeaconBlockRoot();
    if (fork.isAtLeast(Fork.CANCUN)) {
      if (beaconRoot.isEmpty()) {
        throw new T8nException(
            T8nException.CONFIG, "post-cancun env requires parentBeaconBlockRoot to be set");
      }
    } else {
      beaconRoot = Optional.empty();
    }
    OptionalLong excessBlobGas = env.excessBlobGas();
    if (excessBlobGas.isEmpty()
        && env.parentExcessBlobGas().isPresent()
        && env.parentBlobGasUsed().isPresent()) {
      excessBlobGas =
          OptionalLong.of(
              BlobGas.excessBlobGas(
                  env.parentExcessBlobGas().getAsLong(), env.parentBlobGasUsed().getAsLong()));
    }
    Optional<UInt256> blobBaseFee =
        excessBlobGas.isPresent()
            ? Optional.of(BlobGas.baseFee(excessBlobGas.getAsLong()))
            : Optional.empty();

    String[] missingHash = {null};
    BlockContext block =
        new BlockContext(
            env.coinbase(),
            env.number(),
            env.timestamp(),
            env.gasLimit(),
            baseFee.orElse(UInt256.ZERO),
            difficulty.orElse(UInt256.ZERO),
            env.random().map(r -> Hash.leftPad(r.toMinimalBytes())).orElse(Hash.ZERO),
            blobBaseFee.orElse(UInt256.ZERO),
            number -> {
              Hash hash = env.blockHashes().get(number);
              if (hash == null) {
                missingHash[0] =
                    env.blockHashes().isEmpty()
                        ? "getHash(" + number + ") invoked, no blockhashes provided"
                        : "getHash(" + number + ") invoked, blockhash for that block not provided";
                return Hash.ZERO;
              }
              return hash;
            });

    JournaledState state = new JournaledState(alloc);
    if (beaconRoot.isPresent()) {
      SystemCalls.processBeaconBlockRoot(
          new Evm(config, state, block, Tracer.NONE), state, beaconRoot.get());
    }
    TransactionProcessor processor = new TransactionProcessor(FeeRules.L1);
    TransactionValidator validator = TransactionValidator.l1(chainId, fork);
    List<Transaction> included = new ArrayList<>();
    List<T8nResult.IncludedReceipt> receipts = new ArrayList<>();
    List<T8nResult.Rejected> rejected = new ArrayList<>();
    List<Log> allLogs = new ArrayList<>();
    long gasUsed = 0;
    long blobGasUsed = 0;
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx;
      switch (txs.get(i)) {
        case TxInput.Failed failed -> {
          rejected.add(new T8nResult.Rejected(i, failed.error()));
          continue;
        }
        case TxInput.Decoded decoded -> tx = decoded.tx();
      }
      if (tx.type() == TransactionType.BLOB && blobBaseFee.isEmpty()) {
        rejected.add(new T8nResult.Rejected(i, "blob tx used but field env.ExcessBlobGas missing"));
        continue;
      }
      Address sender;
      try {
        validator.validate(tx);
        sender = tx.sender();
      } catch (InvalidTransactionException e) {
        rejected.add(new T8nResult.Rejected(i, e.getMessage()));
        continue;
      }
      long txBlobGas = tx.blobGas();
      if (blobGasUsed + txBlobGas > BlobGas.MAX_BLOB_GAS_PER_BLOCK) {
        rejected.add(
            new T8nResult.Rejected(
                i,
                "blob gas ("
                    + (blobGasUsed + txBlobGas)
                    + ") would exceed maximum allowance "
                    + BlobGas.MAX_BLOB_GAS_PER_BLOCK));
        continue;
      }
      Evm evm = new Evm(config, state, block, tracers.apply(included.size(), tx.hash()));
      TransactionResult result =
          processor.process(
              evm,
              state,
              tx,
              sender,
              env.gasLimit() - gasUsed,
              BlobGas.MAX_BLOB_GAS_PER_BLOCK - blobGasUsed);
      if (result instanceof TransactionResult.Invalid invalid) {
        rejected.add(new T8nResult.Rejected(i, invalid.message()));
        continue;
      }
      if (missingHash[0] != null) {
        throw new T8nException(T8nException.MISSING_BLOCKHASH, missingHash[0]);
      }
      TransactionResult.Executed executed = (TransactionResult.Executed) result;
      gasUsed += executed.gasUsed();
      blobGasUsed += txBlobGas;
      Receipt receipt = Receipt.of(tx.type(), executed.isSuccess(), gasUsed, executed.logs());
      Optional<Address> created =
          tx.isContractCreation()
              ? Optional.of(Evm.createAddress(sender, tx.nonce()))
              : Optional.empty();
      receipts.add(
          new T8nResult.IncludedReceipt(
              receipt,
              tx.hash(),
              created,
              executed.gasUsed(),
              included.size(),
              env.number(),
              allLogs.size()));
      allLogs.addAll(executed.logs());
      included.add(tx);
    }

    if (reward >= 0) {
      UInt256 blockReward = UInt256.valueOf(reward);
      UInt256 minerReward = blockReward;
      UInt256 perOmmer = UInt256.valueOf(reward >>> 5);
      for (T8nEnv.Ommer ommer : env.ommers()) {
        minerReward = minerReward.add(perOmmer);
        UInt256 ommerReward =
            UInt256.valueOf((8 - ommer.delta()) * reward >>> 3); // (8 - delta) * reward / 8
        state.addBalance(ommer.address(), ommerReward);
      }
      state.addBalance(env.coinbase(), minerReward);
    }
    for (Withdrawal w : env.withdrawals().orElse(List.of())) {
      state.addBalance(w.address(), UInt256.valueOf(w.amount()).multiply(GWEI));
    }
    state.finishTransaction(true);
    alloc.apply(state.changes());

    LogsBloom.Builder bloom = LogsBloom.builder();
    for (T8nResult.IncludedReceipt r : receipts) {
      bloom.or(r.receipt().logsBloom());
    }
    Optional<Hash> withdrawalsRoot =
        env.withdrawals()
            .map(
                list ->
                    OrderedListRoot.of(
                        list.size(),
                        i -> {
                          RlpWriter w = new RlpWriter();
                          list.get(i).writeTo(w);
                          return w.toByteArray();
                        }));
    RlpWriter body = new RlpWriter();
    body.startList();
    for (Transaction tx : included) {
      tx.writeTo(body);
    }
    body.endList();
    return new T8nResult(
        alloc.stateRoot(),
        OrderedListRoot.of(included.size(), i -> included.get(i).encoded()),
        OrderedListRoot.of(receipts.size(), i -> receipts.get(i).receipt().trieEncoded()),
        StateTestRunner.logsHash(allLogs),
        bloom.build(),
        receipts,
        rejected,
        difficulty,
        gasUsed,
        baseFee,
        withdrawalsRoot,
        blobBaseFee.isPresent() ? excessBlobGas : OptionalLong.empty(),
        blobBaseFee.isPresent() ? OptionalLong.of(blobGasUsed) : OptionalLong.empty(),
        alloc,
        body.toByteArray());
  }
}
