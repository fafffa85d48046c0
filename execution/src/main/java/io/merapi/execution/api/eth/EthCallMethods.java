package io.merapi.execution.api.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.ChainJson;
import io.merapi.execution.api.call.BlockOverrides;
import io.merapi.execution.api.call.CallArgs;
import io.merapi.execution.api.call.CallSimulator;
import io.merapi.execution.api.call.StateOverrides;
import io.merapi.execution.api.fee.GasPriceOracle;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code eth_call}, {@code eth_estimateGas}, {@code eth_createAccessList}. */
public final class EthCallMethods {
  private final ChainAccess chain;
  private final CallSimulator simulator;
  private final GasPriceOracle oracle;

  public EthCallMethods(ChainAccess chain, CallSimulator simulator, GasPriceOracle oracle) {
    this.chain = chain;
    this.simulator = simulator;
    this.oracle = oracle;
  }

  public void register(RpcMethods methods) {
    methods.blocking("eth_call", 1, 4, this::call);
    methods.blocking("eth_estimateGas", 1, 3, this::estimateGas);
    methods.blocking("eth_createAccessList", 1, 2, this::createAccessList);
  }

  /** The transaction-shaped argument at {@code index}. */
  public static CallArgs callArgs(Params params, int index) {
    JsonNode node = params.node(index);
    try {
      return CallArgs.parse(node);
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
  }

  public static StateOverrides stateOverrides(Params params, int index) {
    if (!params.has(index)) {
      return StateOverrides.NONE;
    }
    try {
      return StateOverrides.parse(params.node(index));
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
  }

  public static BlockOverrides blockOverrides(Params params, int index) {
    if (!params.has(index)) {
      return BlockOverrides.NONE;
    }
    try {
      return BlockOverrides.parse(params.node(index));
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
  }

  private Object call(Params params) {
    CallArgs args = callArgs(params, 0);
    ChainHead block = chain.require(BlockParam.numberOrHash(params, 1));
    StateOverrides state = stateOverrides(params, 2);
    BlockOverrides overrides = blockOverrides(params, 3);
    return simulator.call(args, block, state, overrides).toHex();
  }

  private Object estimateGas(Params params) {
    CallArgs args = callArgs(params, 0);
    ChainHead block = chain.require(BlockParam.numberOrHash(params, 1));
    StateOverrides state = stateOverrides(params, 2);
    return Hex.quantity(simulator.estimateGas(args, block, state));
  }

  private Object createAccessList(Params params) {
    CallArgs args = callArgs(params, 0);
    ChainHead block = chain.require(BlockParam.numberOrHash(params, 1));
    CallSimulator.AccessListResult result =
        simulator.createAccessList(args, block, oracle.suggestTip());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("accessList", new ChainJson(result.accessList()));
    result.error().ifPresent(error -> out.put("error", error));
    out.put("gasUsed", Hex.quantity(result.gasUsed()));
    return out;
  }
}
