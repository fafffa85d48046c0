package io.merapi.batcher.channel;

/** Why a channel takes no more blocks (op-batcher's channel-full errors). */
public enum FullReason {
  /** The compressor reached the target output size. */
  COMPRESSOR_FULL("compressor full"),
  /** Another block would pass {@code MAX_RLP_BYTES_PER_CHANNEL}. */
  TOO_MANY_RLP_BYTES("too many RLP bytes"),
  /** {@code --max-channel-duration} L1 blocks passed since the channel opened. */
  MAX_DURATION("max channel duration reached"),
  /** A frame landed and the channel timeout less the safety margin is near. */
  CHANNEL_TIMEOUT("close to channel timeout"),
  /** The sequencing window of the channel's first L1 origin, less the margin, is near. */
  SEQUENCING_WINDOW("close to sequencer window timeout"),
  /** The batcher is stopping or switching data availability. */
  TERMINATED("channel terminated");

  private final String description;

  FullReason(String description) {
    this.description = description;
  }

  @Override
  public String toString() {
    return description;
  }
}
