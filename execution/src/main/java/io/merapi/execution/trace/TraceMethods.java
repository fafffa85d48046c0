package io.merapi.execution.trace;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.evm.Halt;
import io.merapi.evm.Tracer;
import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.call.CallArgs;
import io.merapi.execution.api.call.CallEnvironment;
import io.merapi.execution.api.call.CallException;
import io.merapi.execution.api.call.CallMessage;
import io.merapi.execution.api.call.CallOutcome;
import io.merapi.execution.api.call.CallSimulator;
import io.merapi.execution.api.eth.EthCallMethods;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.TransactionLocation;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcMethods;
import io.merapi.state.StateReader;
import io.merapi.state.block.PendingBlock;
import io.merapi.types.block.Block;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code debug_traceTransaction}, {@code debug_traceCall}, {@code debug_traceBlockByNumber} and
 * {@code debug_traceBlockByHash} with geth's struct logger (the default) or its {@code callTracer}.
 * A transaction is traced by re-executing its block on the parent's state up to it.
 */
public final class TraceMethods {
  private static final String CALL_TRACER = "callTracer";

  private final ChainAccess chain;
  private final CallSimulator simulator;

  public TraceMethods(ChainAccess chain, CallSimulator simulator) {
    this.chain = chain;
    this.simulator = simulator;
  }

  public void register(RpcMethods methods) {
    methods.blocking("debug_traceTransaction", 1, 2, this::traceTransaction);
    methods.blocking("debug_traceCall", 1, 3, this::traceCall);
    methods.blocking(
        "debug_traceBlockByNumber",
        1,
        2,
        p -> traceBlock(chain.find(BlockParam.number(p, 0)), options(p, 1)));
    methods.blocking(
        "debug_traceBlockByHash",
        1,
        2,
        p -> traceBlock(chain.byHash(BlockParam.hash(p, 0)), options(p, 1)));
  }

  private static TraceOptions options(Params params, int index) {
    if (!params.has(index)) {
      return TraceOptions.DEFAULT;
    }
    TraceOptions options;
    try {
      options = TraceOptions.parse(params.node(index));
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
    if (options.tracer().isPresent() && !options.tracer().get().equals(CALL_TRACER)) {
      throw ChainAccess.serverError(
          "tracer " + options.tracer().get() + " is not available (callTracer or the default)");
    }
    return options;
  }

  /** One tracer run: the tracer to hand the EVM, and how to turn it into the answer. */
  private record Run(Tracer tracer, StructLogger structLogger, CallTracer callTracer) {
    static Run of(TraceOptions options) {
      if (options.tracer().isPresent()) {
        CallTracer call = new CallTracer(options.onlyTopCall());
        return new Run(call, null, call);
      }
      StructLogger logger = new StructLogger(options.structLog());
      return new Run(logger, logger, null);
    }

    Object result(CallTracer.TopCall top) {
      if (callTracer != null) {
        return callTracer.result(top);
      }
      boolean failed = !top.halt().isSuccess();
      return structLogger.result(top.gasUsed(), failed, top.halt() == Halt.REVERT, top.output());
    }
  }

  private Object traceTransaction(Params params) {
    Hash hash = BlockParam.hash(params, 0);
    TraceOptions options = options(params, 1);
    TransactionLocation location =
        chain
            .chain()
            .transactionLocation(hash)
            .orElseThrow(() -> ChainAccess.serverError("transaction " + hash + " not found"));
    ChainHead block =
        chain
            .byHash(location.blockHash())
            .orElseThrow(
                () -> ChainAccess.serverError("block " + location.blockHash() + " not found"));
    return replay(block, options, location.index()).get(0);
  }

  private Object traceBlock(Optional<ChainHead> block, TraceOptions options) {
    ChainHead head = block.orElseThrow(() -> ChainAccess.serverError("block not found"));
    Block b = chain.block(head);
    List<Object> results = replay(head, options, -1);
    List<Object> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("txHash", b.transactions().get(i).hash().toHex());
      item.put("result", results.get(i));
      out.add(item);
    }
    return out;
  }

  /** Re-executes {@code head}'s transactions; traces {@code only} (or all when -1). */
  private List<Object> replay(ChainHead head, TraceOptions options, int only) {
    Block block = chain.block(head);
    if (head.number() == 0) {
      throw ChainAccess.serverError("genesis is not traceable");
    }
    ChainHead parent =
        chain
            .byHash(block.header().parentHash())
            .orElseThrow(() -> ChainAccess.serverError("parent of " + head.hash() + " not found"));
    StateReader parentState = chain.state(parent);
    PendingBlock pending =
        chain
            .chain()
            .executor()
            .start(block.header(), parentState, chain.chain().ancestorHashes(parent.hash()));
    List<Object> results = new ArrayList<>();
    List<Transaction> txs = block.transactions();
    int last = only >= 0 ? only : txs.size() - 1;
    for (int i = 0; i <= last; i++) {
      Transaction tx = txs.get(i);
      boolean traced = only < 0 || i == only;
      Run run = traced ? Run.of(options) : null;
      PendingBlock.Inclusion inclusion = traced ? pending.add(tx, run.tracer()) : pending.add(tx);
      if (inclusion instanceof PendingBlock.Inclusion.Rejected rejected) {
        throw ChainAccess.serverError(
            "transaction "
                + i
                + " of block "
                + head.hash()
                + " does not apply: "
                + rejected.reason());
      }
      if (traced) {
        PendingBlock.Inclusion.Included included = (PendingBlock.Inclusion.Included) inclusion;
        Optional<Address> to = tx.to().or(() -> included.result().contractAddress());
        results.add(
            run.result(
                new CallTracer.TopCall(
                    tx.sender(),
                    to,
                    tx.isContractCreation(),
                    tx.value(),
                    tx.data().array(),
                    tx.gasLimit(),
                    included.result().gasUsed(),
                    included.result().halt(),
                    included.result().output())));
      }
    }
    return results;
  }

  private Object traceCall(Params params) {
    CallArgs args = EthCallMethods.callArgs(params, 0);
    ChainHead block = chain.require(BlockParam.numberOrHash(params, 1));
    TraceOptions options = options(params, 2);
    Run run = Run.of(options);
    try {
      CallEnvironment env =
          simulator.environment(block, options.stateOverrides(), options.blockOverrides());
      CallMessage msg =
          args.toMessage(simulator.gasCap(), env.header().baseFeePerGas(), env.chainId());
      CallOutcome outcome = simulator.run(env, msg, run.tracer());
      return run.result(
          new CallTracer.TopCall(
              msg.from(),
              msg.to().or(outcome::createdAddress),
              msg.to().isEmpty(),
              msg.value(),
              msg.data().array(),
              msg.gasLimit(),
              outcome.gasUsed(),
              outcome.halt(),
              outcome.output()));
    } catch (CallException e) {
      throw RpcError.server(e.getMessage()).exception();
    }
  }
}
