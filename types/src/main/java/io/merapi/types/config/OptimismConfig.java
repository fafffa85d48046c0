package io.merapi.types.config;

import java.util.OptionalLong;

/**
 * The {@code optimism} section of an OP chain's geth-format config: the EIP-1559 parameters the L2
 * uses before Holocene moves them into the block header (denominator replaced at Canyon).
 */
public record OptimismConfig(
    long eip1559Elasticity, long eip1559Denominator, OptionalLong eip1559DenominatorCanyon) {
  public OptimismConfig {
    if (eip1559Elasticity <= 0 || eip1559Denominator <= 0) {
      throw new IllegalArgumentException(
          "optimism eip1559Elasticity and eip1559Denominator must be positive");
    }
    if (eip1559DenominatorCanyon.isPresent() && eip1559DenominatorCanyon.getAsLong() <= 0) {
      throw new IllegalArgumentException("optimism eip1559DenominatorCanyon must be positive");
    }
  }
}
