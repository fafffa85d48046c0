package io.merapi.derive.attributes;

import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;

/**
 * How far an L2 block's time may run ahead of its L1 origin's (specs derivation.md
 * "max_sequencer_drift"; op-node {@code ChainSpec.MaxSequencerDrift}): the rollup config's value
 * before Fjord, the protocol constant 1800 seconds from Fjord (fjord/derivation.md "Constant
 * Maximum Sequencer Drift"). Fjord is decided by the L1 origin's time, as the batch queue and the
 * sequencer decide it.
 */
public final class MaxSequencerDrift {
  /** The drift from Fjord on, in seconds. */
  public static final long FJORD = 1800;

  private MaxSequencerDrift() {}

  /** The max sequencer drift for L2 blocks whose L1 origin has {@code l1OriginTime}. */
  public static long at(RollupConfig rollup, long l1OriginTime) {
    return rollup.isActive(OpFork.FJORD, l1OriginTime) ? FJORD : rollup.maxSequencerDrift();
  }

  /** Whether an L2 block at {@code l2Time} is past the drift allowed by its L1 origin's time. */
  public static boolean exceeded(RollupConfig rollup, long l2Time, long l1OriginTime) {
    return Long.compareUnsigned(l2Time, l1OriginTime + at(rollup, l1OriginTime)) > 0;
  }
}
