package io.merapi.batcher.channel;

import io.merapi.derive.batch.BlockToBatch;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig.BlockId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One channel being filled and cut into frames (op-batcher {@code ChannelBuilder}). It closes when
 * the encoder says it is full, or when L1 reaches its timeout: the earliest of the open time plus
 * {@code maxChannelDuration}, each block's L1 origin plus the sequencing window, and the first
 * landed frame plus the channel timeout — both of the latter less {@code subSafetyMargin}, so the
 * last frame still lands in time for derivation to read the channel.
 */
public final class ChannelBuilder {
  private final ChannelConfig config;
  private final ChannelOut out;
  private final List<Block> blocks = new ArrayList<>();
  private final Deque<Frame> frames = new ArrayDeque<>();
  private BlockId oldestL1Origin;
  private BlockId latestL1Origin;
  private long timeout;
  private FullReason timeoutReason;
  private FullReason fullReason;
  private int totalFrames;
  private long outputBytes;

  /**
   * @param latestL1OriginBlockNum the L1 origin of the last closed channel's last block: the
   *     channel's max duration counts from there
   */
  public ChannelBuilder(ChannelConfig config, ChannelOut out, long latestL1OriginBlockNum) {
    this.config = config;
    this.out = out;
    if (config.maxChannelDuration() > 0) {
      updateTimeout(latestL1OriginBlockNum + config.maxChannelDuration(), FullReason.MAX_DURATION);
    }
  }

  public ChannelId id() {
    return out.id();
  }

  public ChannelConfig config() {
    return config;
  }

  /**
   * Adds {@code block} unless the channel is full; returns whether it was added (a full channel
   * then has its {@link #fullReason}).
   *
   * @throws IllegalArgumentException if the block does not start with its L1 attributes deposit
   */
  public boolean addBlock(Block block) {
    if (isFull()) {
      return false;
    }
    BlockToBatch.Result batch = BlockToBatch.toSingularBatch(block);
    switch (out.addSingularBatch(batch.batch(), batch.sequenceNumber())) {
      case CHANNEL_FULL -> {
        fullReason = FullReason.COMPRESSOR_FULL;
        return false;
      }
      case TOO_MANY_RLP_BYTES -> {
        fullReason = FullReason.TOO_MANY_RLP_BYTES;
        return false;
      }
      case ADDED -> {}
    }
    blocks.add(block);
    BlockId origin = new BlockId(batch.l1Info().hash(), batch.l1Info().number());
    if (oldestL1Origin == null || origin.number() < oldestL1Origin.number()) {
      oldestL1Origin = origin;
    }
    if (latestL1Origin == null || origin.number() > latestL1Origin.number()) {
      latestL1Origin = origin;
    }
    updateTimeout(
        origin.number() + config.seqWindowSize() - config.subSafetyMargin(),
        FullReason.SEQUENCING_WINDOW);
    if (out.isFull()) {
      fullReason = FullReason.COMPRESSOR_FULL;
    }
    return true;
  }

  /** A frame of this channel landed in L1 block {@code l1BlockNum}: the channel timeout runs. */
  public void framePublished(long l1BlockNum) {
    updateTimeout(
        l1BlockNum + config.channelTimeout() - config.subSafetyMargin(),
        FullReason.CHANNEL_TIMEOUT);
  }

  private void updateTimeout(long blockNum, FullReason reason) {
    if (timeout == 0 || timeout > blockNum) {
      timeout = blockNum;
      timeoutReason = reason;
    }
  }

  /** The L1 block at which the channel must be closed (0: none yet). */
  public long timeout() {
    return timeout;
  }

  /** Closes the channel if the L1 head {@code l1BlockNum} reached its timeout. */
  public void checkTimeout(long l1BlockNum) {
    if (!isFull() && timeout != 0 && l1BlockNum >= timeout) {
      fullReason = timeoutReason;
    }
  }

  /** Closes the channel: the batcher stops or changes its data availability. */
  public void close() {
    if (!isFull()) {
      fullReason = FullReason.TERMINATED;
    }
  }

  public boolean isFull() {
    return fullReason != null;
  }

  public Optional<FullReason> fullReason() {
    return Optional.ofNullable(fullReason);
  }

  /**
   * Cuts frames: all remaining ones (the last marked) once the channel is full, else only frames
   * that can be filled completely.
   */
  public void outputFrames() {
    if (isFull()) {
      if (!out.isClosed()) {
        out.close();
        while (true) {
          Frame frame = out.outputFrame(config.maxFrameSize());
          push(frame);
          if (frame.isLast()) {
            break;
          }
        }
      }
      return;
    }
    while (out.readyBytes() >= config.maxFrameSize()) {
      push(out.outputFrame(config.maxFrameSize()));
    }
  }

  private void push(Frame frame) {
    frames.addLast(frame);
    totalFrames++;
    outputBytes += frame.data().length();
  }

  public boolean hasFrame() {
    return !frames.isEmpty();
  }

  public int pendingFrames() {
    return frames.size();
  }

  public Frame nextFrame() {
    Frame frame = frames.pollFirst();
    if (frame == null) {
      throw new IllegalStateException("channel " + id() + " has no frame ready");
    }
    return frame;
  }

  /** Puts frames back at the front, in their order (their transaction failed). */
  public void pushFrames(List<Frame> failed) {
    for (int i = failed.size() - 1; i >= 0; i--) {
      frames.addFirst(failed.get(i));
    }
  }

  public int totalFrames() {
    return totalFrames;
  }

  public int inputBytes() {
    return out.inputBytes();
  }

  public long outputBytes() {
    return outputBytes;
  }

  public List<Block> blocks() {
    return List.copyOf(blocks);
  }

  public Optional<BlockId> oldestL1Origin() {
    return Optional.ofNullable(oldestL1Origin);
  }

  public Optional<BlockId> latestL1Origin() {
    return Optional.ofNullable(latestL1Origin);
  }

  /** The number of the last L2 block in the channel, or -1 when it is empty. */
  public long latestL2() {
    return blocks.isEmpty() ? -1 : blocks.get(blocks.size() - 1).number();
  }
}
