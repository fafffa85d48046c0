package io.merapi.derive.stage;

import io.merapi.derive.channel.Channel;
import io.merapi.derive.channel.ChannelLimits;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The derivation parameters that change with forks (specs derivation.md "Protocol Parameters",
 * fjord/derivation.md "Protocol Parameter Changes", granite/derivation.md "Reduce Channel Timeout";
 * op-node's {@code ChainSpec}). Every one of them is chosen by an L1 block's timestamp: the
 * inclusion block for channel limits and timeouts, the L1 origin for the sequencer drift.
 */
public final class ProtocolParameters {
  /** {@code max_sequencer_drift} from Fjord, a constant (fjord/derivation.md). */
  public static final long MAX_SEQUENCER_DRIFT_FJORD = 1800;

  /** {@code CHANNEL_TIMEOUT} from Granite, in L1 blocks (granite/derivation.md). */
  public static final long CHANNEL_TIMEOUT_GRANITE = 50;

  /**
   * What each buffered frame counts for besides its data when channel sizes are summed (specs
   * derivation.md "Pruning": "an additional frame-overhead of 200 bytes per frame").
   */
  public static final long FRAME_OVERHEAD = Channel.FRAME_OVERHEAD;

  private final RollupConfig config;
  private final OptionalLong maxRlpBytesOverride;

  public ProtocolParameters(RollupConfig config) {
    this(config, OptionalLong.empty());
  }

  /** With a smaller {@code MAX_RLP_BYTES_PER_CHANNEL}, so that tests can reach the limit. */
  ProtocolParameters(RollupConfig config, OptionalLong maxRlpBytesOverride) {
    this.config = Objects.requireNonNull(config, "config");
    this.maxRlpBytesOverride = maxRlpBytesOverride;
  }

  public RollupConfig config() {
    return config;
  }

  public boolean isActive(OpFork fork, long l1Time) {
    return config.isActive(fork, l1Time);
  }

  /** {@code CHANNEL_TIMEOUT} for frames included at {@code l1Time}. */
  public long channelTimeout(long l1Time) {
    return config.isActive(OpFork.GRANITE, l1Time)
        ? CHANNEL_TIMEOUT_GRANITE
        : config.channelTimeout();
  }

  /** {@code MAX_CHANNEL_BANK_SIZE} at the L1 origin time {@code l1Time}. */
  public long maxChannelBankSize(long l1Time) {
    return ChannelLimits.maxChannelBankSize(config, l1Time);
  }

  /** {@code MAX_RLP_BYTES_PER_CHANNEL} at the L1 origin time {@code l1Time}. */
  public long maxRlpBytesPerChannel(long l1Time) {
    if (maxRlpBytesOverride.isPresent()) {
      return maxRlpBytesOverride.getAsLong();
    }
    return ChannelLimits.maxRlpBytesPerChannel(config, l1Time);
  }

  /**
   * {@code max_sequencer_drift} for a batch whose L1 origin has timestamp {@code l1OriginTime}: the
   * rollup config's value before Fjord, 1800 seconds from Fjord ("The change of the
   * max_sequencer_drift parameter activates with the L1 origin block timestamp").
   */
  public long maxSequencerDrift(long l1OriginTime) {
    return config.isActive(OpFork.FJORD, l1OriginTime)
        ? MAX_SEQUENCER_DRIFT_FJORD
        : config.maxSequencerDrift();
  }
}
