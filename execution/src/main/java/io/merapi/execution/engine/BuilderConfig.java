package io.merapi.execution.engine;

import io.merapi.base.bytes.Bytes;
import java.time.Duration;
import java.util.Objects;

/**
 * How payloads are built (geth's {@code miner.Config}).
 *
 * @param gasCeil the gas limit blocks move towards, by at most 1/1024 of the parent's per block
 *     ({@code --miner.gaslimit}); an OP Stack {@code gasLimit} attribute overrides it
 * @param extraData the header's extra data ({@code --miner.extradata}), at most 32 bytes
 * @param recommit how often a build in progress refills its block from the pool
 * @param buildTime how long after its start a build keeps refilling (one slot)
 */
public record BuilderConfig(long gasCeil, Bytes extraData, Duration recommit, Duration buildTime) {
  /** geth {@code params.MinGasLimit}. */
  public static final long MIN_GAS_LIMIT = 5000;

  public BuilderConfig {
    Objects.requireNonNull(extraData);
    if (extraData.length() > PayloadBlocks.MAX_EXTRA_DATA) {
      throw new IllegalArgumentException("extra data over 32 bytes: " + extraData.length());
    }
    if (recommit.isNegative() || recommit.isZero() || buildTime.isNegative()) {
      throw new IllegalArgumentException("recommit and build time must be positive");
    }
  }

  public static BuilderConfig defaults() {
    return new BuilderConfig(
        30_000_000, Bytes.EMPTY, Duration.ofSeconds(2), Duration.ofSeconds(12));
  }

  public BuilderConfig withGasCeil(long gasCeil) {
    return new BuilderConfig(gasCeil, extraData, recommit, buildTime);
  }

  public BuilderConfig withRecommit(Duration recommit) {
    return new BuilderConfig(gasCeil, extraData, recommit, buildTime);
  }

  /** geth {@code core.CalcGasLimit}: the parent's limit moved towards the ceiling. */
  public long gasLimit(long parentGasLimit) {
    long desired = Math.max(gasCeil, MIN_GAS_LIMIT);
    long delta = parentGasLimit / 1024 - 1;
    if (parentGasLimit < desired) {
      return Math.min(parentGasLimit + delta, desired);
    }
    if (parentGasLimit > desired) {
      return Math.max(parentGasLimit - delta, desired);
    }
    return parentGasLimit;
  }
}
