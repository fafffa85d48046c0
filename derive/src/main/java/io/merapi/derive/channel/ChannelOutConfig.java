package io.merapi.derive.channel;

import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.OptionalLong;

/**
 * What a channel out needs to know of the chain (a part of op-node's {@code ChainSpec}): the L2
 * genesis time and chain id for span batches, and when Fjord raises the RLP limit. The limit
 * follows the batch's L2 timestamp: a channel holding a post-Fjord block can only land on L1 after
 * Fjord.
 */
public record ChannelOutConfig(long l2GenesisTime, long l2ChainId, OptionalLong fjordTime) {

  public static ChannelOutConfig of(RollupConfig config) {
    Long fjord = config.forkTimes().get(OpFork.FJORD);
    return new ChannelOutConfig(
        config.genesis().l2Time(),
        config.l2ChainId(),
        fjord == null ? OptionalLong.empty() : OptionalLong.of(fjord));
  }

  /** {@code MAX_RLP_BYTES_PER_CHANNEL} for a batch of L2 time {@code timestamp}. */
  public long maxRlpBytesPerChannel(long timestamp) {
    boolean fjord =
        fjordTime.isPresent() && Long.compareUnsigned(timestamp, fjordTime.getAsLong()) >= 0;
    return ChannelLimits.maxRlpBytesPerChannel(fjord);
  }
}
