package io.merapi.derive.channel;

import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;

/**
 * The channel size limits by fork (specs derivation.md "Protocol Parameters", fjord/derivation.md
 * "Increasing MAX_RLP_BYTES_PER_CHANNEL and MAX_CHANNEL_BANK_SIZE"). Derivation picks them by the
 * timestamp of the L1 block it reads from; a batcher by its L2 blocks' timestamps.
 */
public final class ChannelLimits {
  /** {@code MAX_RLP_BYTES_PER_CHANNEL} before Fjord. */
  public static final long MAX_RLP_BYTES_PER_CHANNEL_BEDROCK = 10_000_000L;

  /** {@code MAX_RLP_BYTES_PER_CHANNEL} from Fjord. */
  public static final long MAX_RLP_BYTES_PER_CHANNEL_FJORD = 100_000_000L;

  /** {@code MAX_CHANNEL_BANK_SIZE} before Fjord. */
  public static final long MAX_CHANNEL_BANK_SIZE_BEDROCK = 100_000_000L;

  /** {@code MAX_CHANNEL_BANK_SIZE} from Fjord. */
  public static final long MAX_CHANNEL_BANK_SIZE_FJORD = 1_000_000_000L;

  private ChannelLimits() {}

  /** The most decompressed RLP bytes read from one channel. */
  public static long maxRlpBytesPerChannel(boolean fjord) {
    return fjord ? MAX_RLP_BYTES_PER_CHANNEL_FJORD : MAX_RLP_BYTES_PER_CHANNEL_BEDROCK;
  }

  /** The same, at {@code timestamp} of {@code config}'s chain. */
  public static long maxRlpBytesPerChannel(RollupConfig config, long timestamp) {
    return maxRlpBytesPerChannel(config.isActive(OpFork.FJORD, timestamp));
  }

  /** The most data (frame data and overhead) the channel bank holds. */
  public static long maxChannelBankSize(boolean fjord) {
    return fjord ? MAX_CHANNEL_BANK_SIZE_FJORD : MAX_CHANNEL_BANK_SIZE_BEDROCK;
  }

  /** The same, at {@code timestamp} of {@code config}'s chain. */
  public static long maxChannelBankSize(RollupConfig config, long timestamp) {
    return maxChannelBankSize(config.isActive(OpFork.FJORD, timestamp));
  }
}
