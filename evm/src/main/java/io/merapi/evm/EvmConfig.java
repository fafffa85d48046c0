package io.merapi.evm;

import io.merapi.types.config.Fork;

/**
 * The chain-level configuration of an EVM: the fork's rules, the chain id (CHAINID), the
 * precompiles enabled, and the shared cache of analysed code.
 */
public record EvmConfig(
    ForkRules rules, long chainId, Precompiles precompiles, CodeCache codeCache) {

  /** The configuration of {@code fork} with the shared code cache. */
  public static EvmConfig of(Fork fork, long chainId, Precompiles precompiles) {
    return new EvmConfig(ForkRules.require(fork), chainId, precompiles, CodeCache.SHARED);
  }
}
