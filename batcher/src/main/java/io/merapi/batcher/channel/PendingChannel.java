package io.merapi.batcher.channel;

import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig.BlockId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel and the transactions carrying its frames (op-batcher {@code channel}): which are in
 * flight, which landed and where. A channel is done when it is full and every frame landed, or when
 * its landed frames span the channel timeout (derivation dropped it; its blocks go again).
 */
public final class PendingChannel {
  /** What a confirmed transaction means for its channel. */
  public enum Confirmation {
    /** More frames are to be sent or are in flight. */
    PENDING,
    /** Every frame landed within the channel timeout. */
    FULLY_SUBMITTED,
    /** The frames landed too far apart: derivation timed the channel out. */
    TIMED_OUT
  }

  private final ChannelBuilder builder;
  private final Map<TxId, TxData> pending = new LinkedHashMap<>();
  private final Map<TxId, BlockId> confirmed = new LinkedHashMap<>();
  private long minInclusionBlock = Long.MAX_VALUE;
  private long maxInclusionBlock;

  public PendingChannel(ChannelBuilder builder) {
    this.builder = builder;
  }

  public ChannelId id() {
    return builder.id();
  }

  public ChannelBuilder builder() {
    return builder;
  }

  public ChannelConfig config() {
    return builder.config();
  }

  /** Takes the next transaction's frames: one as calldata, up to the target number as blobs. */
  public TxData nextTxData() {
    List<Frame> frames = new ArrayList<>();
    int max = config().maxFramesPerTx();
    while (frames.size() < max && builder.hasFrame()) {
      frames.add(builder.nextFrame());
    }
    TxData data = new TxData(frames, config().useBlobs());
    pending.put(data.id(), data);
    return data;
  }

  /**
   * Whether a transaction can be made: any frame for calldata or a full channel, a whole
   * transaction's worth of blobs otherwise (so blob transactions go out full).
   */
  public boolean hasTxData() {
    if (builder.isFull() || !config().useBlobs()) {
      return builder.hasFrame();
    }
    return builder.pendingFrames() >= config().maxFramesPerTx();
  }

  /** The transaction failed: its frames go back to the front, to be sent again. */
  public void txFailed(TxId id) {
    TxData data = pending.remove(id);
    if (data != null) {
      builder.pushFrames(data.frames());
    }
  }

  /** Forgets a transaction without taking its frames back (the whole channel is requeued). */
  void forget(TxId id) {
    pending.remove(id);
  }

  public Confirmation txConfirmed(TxId id, BlockId inclusionBlock) {
    if (pending.remove(id) == null) {
      return Confirmation.PENDING;
    }
    confirmed.put(id, inclusionBlock);
    builder.framePublished(inclusionBlock.number());
    minInclusionBlock = Math.min(minInclusionBlock, inclusionBlock.number());
    maxInclusionBlock = Math.max(maxInclusionBlock, inclusionBlock.number());
    if (isTimedOut()) {
      return Confirmation.TIMED_OUT;
    }
    if (isFullySubmitted()) {
      return Confirmation.FULLY_SUBMITTED;
    }
    return Confirmation.PENDING;
  }

  private boolean isTimedOut() {
    return !confirmed.isEmpty()
        && maxInclusionBlock - minInclusionBlock >= config().channelTimeout();
  }

  public boolean isFullySubmitted() {
    return builder.isFull() && pending.isEmpty() && builder.pendingFrames() == 0;
  }

  /** No transaction of this channel was sent yet (it can still be rebuilt differently). */
  public boolean noneSubmitted() {
    return pending.isEmpty() && confirmed.isEmpty();
  }

  public List<TxId> pendingTxs() {
    return List.copyOf(pending.keySet());
  }

  /** The L1 block of the channel's last landed frame (0 if none landed). */
  public long maxInclusionBlock() {
    return maxInclusionBlock;
  }

  public boolean isFull() {
    return builder.isFull();
  }

  public List<Block> blocks() {
    return builder.blocks();
  }
}
