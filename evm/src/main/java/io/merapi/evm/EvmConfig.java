package io.merapi.evm;

import io.merapi.evm.precompile.PrecompileConfig;
import io.merapi.evm.precompile.PrecompileSet;
import io.merapi.types.config.Fork;

/**
 * The chain-level configuration of an EVM: the fork's rules, the chain id (CHAINID), the
 * precompiles enabled, and the shared cache of analysed code.
 */
public record EvmConfig(
    ForkRules rules, long chainId, PrecompileSet precompiles, CodeCache codeCache) {

  /** Ethereum's rules and precompiles at {@code fork}, with the shared code cache. */
  public static EvmConfig l1(Fork fork, long chainId) {
    return new EvmConfig(
        ForkRules.require(fork),
        chainId,
        PrecompileSet.of(PrecompileConfig.l1(fork)),
        CodeCache.SHARED);
  }
}
