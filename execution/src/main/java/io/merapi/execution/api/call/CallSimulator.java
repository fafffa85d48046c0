package io.merapi.execution.api.call;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Halt;
import io.merapi.evm.Tracer;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.state.block.BlockExecutor;
import io.merapi.state.block.BlockRules;
import io.merapi.types.block.Header;
import io.merapi.types.transaction.AccessList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code eth_call}, {@code eth_estimateGas} and {@code eth_createAccessList} on a stored block,
 * with geth's defaults, limits and errors: the gas cap ({@code --rpc.gascap}), the EVM timeout
 * ({@code --rpc.evmtimeout}), reverts as code 3 with their data.
 */
public final class CallSimulator {
  private final ChainAccess chain;
  private final long gasCap;
  private final long timeoutMillis;

  public CallSimulator(ChainAccess chain, long gasCap, long timeoutMillis) {
    this.chain = chain;
    this.gasCap = gasCap;
    this.timeoutMillis = timeoutMillis;
  }

  public long gasCap() {
    return gasCap;
  }

  /** The environment of a call on top of {@code block}, overrides applied. */
  public CallEnvironment environment(
      ChainHead block, StateOverrides state, BlockOverrides blockOverrides) {
    Header header = block.header();
    BlockRules rules = chain.chain().rules().forBlock(header);
    EvmConfig evm = rules.evmConfig();
    BlockContext context =
        blockOverrides.apply(
            BlockExecutor.context(
                header, chain.chain().ancestorHashes(header.parentHash()), rules.blobSchedule()));
    for (Address address : state.accounts().keySet()) {
      if (evm.precompiles().contains(address)) {
        throw new CallException("overriding the precompile " + address + " is not supported");
      }
    }
    return new CallEnvironment(header, evm, context, state.over(chain.state(block)));
  }

  /** {@code eth_call}: the return data, or the geth error for a failure. */
  public Bytes call(
      CallArgs args, ChainHead block, StateOverrides state, BlockOverrides overrides) {
    try {
      CallEnvironment env = environment(block, state, overrides);
      CallMessage msg = args.toMessage(gasCap, baseFee(env), env.chainId());
      CallOutcome outcome = run(env, msg, Tracer.NONE);
      if (outcome.isSuccess()) {
        return Bytes.wrap(outcome.output());
      }
      throw failure(outcome);
    } catch (CallException e) {
      throw RpcError.server(e.getMessage()).exception();
    }
  }

  /** One run with the deadline; pre-execution errors get geth's "(supplied gas N)" suffix. */
  public CallOutcome run(CallEnvironment env, CallMessage msg, Tracer tracer) {
    try {
      return CallExecutor.apply(env, msg, Deadline.around(tracer, timeoutMillis));
    } catch (Deadline.CallTimeoutException e) {
      throw RpcError.server(e.getMessage()).exception();
    } catch (CallException e) {
      throw new CallException(
          "err: "
              + e.getMessage()
              + " (supplied gas "
              + Long.toUnsignedString(msg.gasLimit())
              + ")",
          e.intrinsicGasTooLow());
    }
  }

  /** {@code eth_estimateGas}. */
  public long estimateGas(CallArgs args, ChainHead block, StateOverrides state) {
    try {
      CallEnvironment env = environment(block, state, BlockOverrides.NONE);
      // Without a gas limit from the caller the estimate starts from the block's (geth sets 0).
      CallArgs withGas = args.gas().isPresent() ? args : args.withGas(0);
      CallMessage msg = withGas.toMessage(gasCap, baseFee(env), env.chainId());
      GasEstimator.Estimate estimate =
          GasEstimator.estimate(
              env, msg, gasCap, () -> Deadline.around(Tracer.NONE, timeoutMillis));
      return switch (estimate) {
        case GasEstimator.Estimate.Gas gas -> gas.gas();
        case GasEstimator.Estimate.Failed failed ->
            throw failed.halt() == Halt.REVERT
                ? RpcError.executionReverted(failed.revertData()).exception()
                : RpcError.server(failed.halt().message()).exception();
      };
    } catch (Deadline.CallTimeoutException | CallException e) {
      throw RpcError.server(e.getMessage()).exception();
    }
  }

  /** What {@code eth_createAccessList} answers. */
  public record AccessListResult(AccessList accessList, long gasUsed, Optional<String> error) {}

  /**
   * {@code eth_createAccessList}: runs the call with the list found so far until it no longer grows
   * (geth {@code AccessList}). Missing gas is estimated and a missing nonce read from the state, as
   * geth's {@code setDefaults} does; missing fees become the suggested ones.
   */
  public AccessListResult createAccessList(CallArgs args, ChainHead block, UInt256 suggestedTip) {
    try {
      CallEnvironment env = environment(block, StateOverrides.NONE, BlockOverrides.NONE);
      CallArgs filled = args;
      if (filled.nonce().isEmpty()) {
        long nonce = env.state().account(args.sender()).map(a -> a.nonce()).orElse(0L);
        filled = filled.withNonce(nonce);
      }
      Optional<UInt256> baseFee = baseFee(env);
      if (baseFee.isPresent()
          && filled.gasPrice().isEmpty()
          && filled.maxFeePerGas().isEmpty()
          && filled.maxPriorityFeePerGas().isEmpty()) {
        UInt256 tip = suggestedTip;
        filled = filled.withFees(tip.add(baseFee.get().multiply(2)), tip);
      }
      // Missing gas stays missing, so each run gets the gas cap as eth_call does (geth): an
      // estimate taken without the list can be too tight for a run that pays for it up front.
      Address from = filled.sender();
      long nonce = filled.nonce().getAsLong();
      Address to = filled.to().orElseGet(() -> Evm.createAddress(from, nonce));
      Set<Address> excluded = new HashSet<>(env.evmConfig().precompiles().addresses());
      excluded.add(from);
      excluded.add(to);
      AccessList list = filled.accessList().orElse(AccessList.EMPTY);
      AccessListTracer previous = new AccessListTracer(list, excluded);
      while (true) {
        list = previous.accessList();
        CallMessage msg = filled.withAccessList(list).toMessage(gasCap, baseFee, env.chainId());
        AccessListTracer tracer = new AccessListTracer(list, excluded);
        CallOutcome outcome;
        try {
          outcome = CallExecutor.apply(env, msg, Deadline.around(tracer, timeoutMillis));
        } catch (CallException e) {
          throw new CallException("failed to apply transaction: err: " + e.getMessage());
        }
        if (tracer.accessList().equals(list)) {
          return new AccessListResult(
              list,
              outcome.gasUsed(),
              outcome.isSuccess() ? Optional.empty() : Optional.of(outcome.error()));
        }
        previous = tracer;
      }
    } catch (Deadline.CallTimeoutException | CallException e) {
      throw RpcError.server(e.getMessage()).exception();
    }
  }

  private static Optional<UInt256> baseFee(CallEnvironment env) {
    return env.header().baseFeePerGas();
  }

  /**
   * geth: a revert, with or without data, is code 3 with the data; any other failure a plain error.
   */
  private static RpcException failure(CallOutcome outcome) {
    if (outcome.halt() == Halt.REVERT) {
      return RpcError.executionReverted(outcome.revertData()).exception();
    }
    return RpcError.server(outcome.error()).exception();
  }
}
