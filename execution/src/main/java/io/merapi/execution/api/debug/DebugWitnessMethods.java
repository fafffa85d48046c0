package io.merapi.execution.api.debug;

import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.state.op.stateless.WitnessBuilder;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;

/**
 * {@code debug_executionWitness}: what executing a stored block reads, for stateless re-execution
 * ({@code merapi execution stateless}, and later the fault-proof program). The block is executed
 * again on its parent's tries; the answer is reth's JSON ({@code state}, {@code codes}, {@code
 * keys}, {@code headers} as lists of hex strings, headers as RLP).
 */
public final class DebugWitnessMethods {
  private final ChainAccess chain;

  public DebugWitnessMethods(ChainAccess chain) {
    this.chain = chain;
  }

  public void register(RpcMethods methods) {
    methods.blocking("debug_executionWitness", 1, 1, this::executionWitness);
  }

  private Object executionWitness(Params params) {
    BlockParam param = BlockParam.number(params, 0);
    ChainHead head =
        chain
            .find(param)
            .orElseThrow(() -> ChainAccess.serverError("block " + param.describe() + " not found"));
    if (head.number() == 0) {
      throw ChainAccess.serverError("the genesis block has no execution witness");
    }
    Block block = chain.block(head);
    Header parent =
        chain
            .chain()
            .header(head.header().parentHash())
            .orElseThrow(
                () ->
                    ChainAccess.serverError("parent " + head.header().parentHash() + " not found"));
    WitnessBuilder builder =
        new WitnessBuilder(
            chain.chain().rules(), chain.nodes(), chain.chain()::code, chain.chain()::header);
    try {
      return builder.build(block, parent).toJson();
    } catch (IllegalStateException e) {
      throw ChainAccess.serverError(e.getMessage());
    }
  }
}
