package io.merapi.execution.api.call;

import io.merapi.evm.BlockContext;
import io.merapi.evm.EvmConfig;
import io.merapi.state.StateReader;
import io.merapi.types.block.Header;

/**
 * Where a simulated call runs: the EVM of the block's fork, the block context (after any block
 * overrides), and the state after the block (after any state overrides). Calls run on top of a
 * block, in its own context, as geth's {@code eth_call} does.
 */
public record CallEnvironment(
    Header header, EvmConfig evmConfig, BlockContext block, StateReader state) {
  public long chainId() {
    return evmConfig.chainId();
  }
}
