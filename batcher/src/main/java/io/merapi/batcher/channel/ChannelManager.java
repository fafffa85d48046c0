package io.merapi.batcher.channel;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig.BlockId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batcher's state (op-batcher {@code channelManager}): L2 blocks waiting for a channel, the
 * channels being built or sent in order, and which transaction carries which frames. The service
 * adds blocks in chain order, asks for the next {@link TxData} with the L1 head, and reports each
 * transaction's fate. Thread-safe: receipts arrive on the transaction manager's threads.
 *
 * <p>A failed transaction's frames go back to be sent again. From Holocene derivation drops a
 * channel whose frames arrive out of order and a batch ahead of the next expected one, so there a
 * failed transaction (or a channel timed out on L1) puts the blocks of its channel and of every
 * later channel back in the queue, to go out in new channels.
 */
public final class ChannelManager {
  private static final Logger log = LoggerFactory.getLogger(ChannelManager.class);

  /** A channel whose frames all landed, kept until the safe head passes its last block. */
  public record Landed(long lastL2Block, long maxInclusionBlock) {}

  private final ChannelConfigProvider configProvider;
  private final ChannelOutConfig chain;
  private final LongPredicate holoceneAt;
  private final RandomGenerator random;
  private final Deque<Block> blocks = new ArrayDeque<>();
  private final List<PendingChannel> channelQueue = new ArrayList<>();
  private final Map<TxId, PendingChannel> txChannels = new HashMap<>();
  private final List<Landed> landed = new ArrayList<>();
  private ChannelConfig defaultConfig;
  private PendingChannel current;
  private Hash tip;
  private long l1OriginLastClosedChannel;
  private boolean closed;

  /**
   * @param holoceneAt whether Holocene is active at an L2 timestamp
   * @param random the source of channel ids
   */
  public ChannelManager(
      ChannelConfigProvider configProvider,
      ChannelOutConfig chain,
      LongPredicate holoceneAt,
      RandomGenerator random) {
    this.configProvider = configProvider;
    this.chain = chain;
    this.holoceneAt = holoceneAt;
    this.random = random;
    this.defaultConfig = configProvider.channelConfig();
  }

  /**
   * Forgets every block, channel and transaction: the batcher starts again after the safe head,
   * whose L1 origin is {@code l1OriginLastClosedChannel}.
   */
  public synchronized void clear(long l1OriginLastClosedChannel) {
    clear(l1OriginLastClosedChannel, null);
  }

  /**
   * The same, and the next block must have {@code safeHead} as its parent: a sequencer that
   * reorganised past the safe head is noticed with the first block loaded.
   */
  public synchronized void clear(long l1OriginLastClosedChannel, Hash safeHead) {
    blocks.clear();
    channelQueue.clear();
    txChannels.clear();
    landed.clear();
    current = null;
    tip = safeHead;
    closed = false;
    this.l1OriginLastClosedChannel = l1OriginLastClosedChannel;
  }

  /**
   * Queues the next L2 block.
   *
   * @throws L2ReorgException if it does not extend the last block added
   */
  public synchronized void addL2Block(Block block) throws L2ReorgException {
    if (tip != null && !tip.equals(block.header().parentHash())) {
      throw new L2ReorgException(
          "L2 block "
              + block.number()
              + " "
              + block.hash()
              + " has parent "
              + block.header().parentHash()
              + ", not the last block added, "
              + tip);
    }
    blocks.addLast(block);
    tip = block.hash();
  }

  /** Blocks waiting for a channel. */
  public synchronized int pendingBlocks() {
    return blocks.size();
  }

  /**
   * The frames of the next transaction to send, or empty when none is ready. {@code l1Head} closes
   * channels whose timeout it reached.
   */
  public synchronized Optional<TxData> txData(BlockId l1Head) {
    Optional<PendingChannel> ready = readyChannel(l1Head);
    if (ready.isEmpty()) {
      return Optional.empty();
    }
    PendingChannel channel = ready.get();
    if (channel.noneSubmitted()) {
      // Nothing of this channel is on L1 yet: it may still switch between calldata and blobs.
      ChannelConfig next = configProvider.channelConfig();
      if (next.useBlobs() != defaultConfig.useBlobs()) {
        log.info(
            "Switching data availability to {} for the next channel",
            next.useBlobs() ? "blobs" : "calldata");
        requeue(next);
        ready = readyChannel(l1Head);
        if (ready.isEmpty()) {
          return Optional.empty();
        }
        channel = ready.get();
      }
    }
    TxData data = channel.nextTxData();
    txChannels.put(data.id(), channel);
    return Optional.of(data);
  }

  private Optional<PendingChannel> readyChannel(BlockId l1Head) {
    for (PendingChannel channel : channelQueue) {
      if (channel.hasTxData()) {
        return Optional.of(channel);
      }
    }
    if (closed) {
      return Optional.empty();
    }
    if (!blocks.isEmpty()) {
      ensureChannelWithSpace();
      processBlocks();
    } else if (current == null || current.isFull()) {
      return Optional.empty();
    }
    // Without new blocks too, so that a quiet L2 still gets its channel closed in time.
    current.builder().checkTimeout(l1Head.number());
    outputFrames();
    return current.hasTxData() ? Optional.of(current) : Optional.empty();
  }

  private void ensureChannelWithSpace() {
    if (current != null && !current.isFull()) {
      return;
    }
    ChannelConfig config = defaultConfig;
    current =
        new PendingChannel(
            new ChannelBuilder(
                config, config.newChannelOut(chain, random), l1OriginLastClosedChannel));
    channelQueue.add(current);
    log.info(
        "Created channel {} ({} batches, {}, {} blocks pending, {} frames of {} bytes)",
        current.id(),
        config.batchType().name().toLowerCase(java.util.Locale.ROOT),
        config.useBlobs() ? "blobs" : "calldata",
        blocks.size(),
        config.targetNumFrames(),
        config.maxFrameSize());
  }

  private void processBlocks() {
    while (!blocks.isEmpty()) {
      if (!current.builder().addBlock(blocks.peekFirst())) {
        break;
      }
      blocks.pollFirst();
      if (current.isFull()) {
        break;
      }
    }
  }

  private void outputFrames() {
    ChannelBuilder builder = current.builder();
    builder.outputFrames();
    if (!builder.isFull()) {
      return;
    }
    builder
        .latestL1Origin()
        .ifPresent(
            origin -> {
              if (origin.number() > l1OriginLastClosedChannel) {
                l1OriginLastClosedChannel = origin.number();
              }
            });
    log.info(
        "Channel {} closed ({}): {} frames, {} blocks up to {}, {} bytes in, {} out",
        builder.id(),
        builder.fullReason().orElseThrow(),
        builder.totalFrames(),
        builder.blocks().size(),
        builder.latestL2(),
        builder.inputBytes(),
        builder.outputBytes());
  }

  /** The transaction carrying {@code id} failed for good (after the manager's own retries). */
  public synchronized void txFailed(TxId id) {
    PendingChannel channel = txChannels.remove(id);
    if (channel == null) {
      return;
    }
    if (holoceneAt.test(latestL2Time(channel))) {
      log.warn(
          "Batcher transaction {} failed: channel {} goes again from its first block",
          id,
          channel.id());
      rewindFrom(channel);
    } else {
      channel.txFailed(id);
      if (closed && channel.noneSubmitted()) {
        remove(channel);
      }
    }
  }

  /** The transaction carrying {@code id} landed in L1 block {@code inclusionBlock}. */
  public synchronized void txConfirmed(TxId id, BlockId inclusionBlock) {
    PendingChannel channel = txChannels.remove(id);
    if (channel == null) {
      return;
    }
    switch (channel.txConfirmed(id, inclusionBlock)) {
      case PENDING -> {}
      case FULLY_SUBMITTED -> {
        landed.add(new Landed(channel.builder().latestL2(), channel.maxInclusionBlock()));
        remove(channel);
      }
      case TIMED_OUT -> {
        log.warn(
            "Channel {} timed out on L1 (frames landed {} L1 blocks apart or more): its blocks go"
                + " again",
            channel.id(),
            channel.config().channelTimeout());
        rewindFrom(channel);
      }
    }
  }

  /**
   * Puts the blocks of {@code channel} and of every later channel back in front of the queue, in
   * order, and forgets those channels and their transactions.
   */
  private void rewindFrom(PendingChannel channel) {
    int index = channelQueue.indexOf(channel);
    if (index < 0) {
      return;
    }
    List<PendingChannel> dropped =
        new ArrayList<>(channelQueue.subList(index, channelQueue.size()));
    channelQueue.subList(index, channelQueue.size()).clear();
    List<Block> requeued = new ArrayList<>();
    for (PendingChannel c : dropped) {
      requeued.addAll(c.blocks());
      for (TxId tx : c.pendingTxs()) {
        txChannels.remove(tx);
        c.forget(tx);
      }
    }
    for (int i = requeued.size() - 1; i >= 0; i--) {
      blocks.addFirst(requeued.get(i));
    }
    current = null;
  }

  private static long latestL2Time(PendingChannel channel) {
    List<Block> blocks = channel.blocks();
    return blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).header().timestamp();
  }

  private void remove(PendingChannel channel) {
    if (current == channel) {
      current = null;
    }
    channelQueue.remove(channel);
  }

  /**
   * Rebuilds every channel of which nothing was sent yet with {@code config} (op-batcher {@code
   * Requeue}): their blocks go back to the queue.
   */
  private void requeue(ChannelConfig config) {
    List<PendingChannel> keep = new ArrayList<>();
    List<Block> requeued = new ArrayList<>();
    for (PendingChannel channel : channelQueue) {
      if (channel.noneSubmitted()) {
        requeued.addAll(channel.blocks());
      } else {
        keep.add(channel);
      }
    }
    for (int i = requeued.size() - 1; i >= 0; i--) {
      blocks.addFirst(requeued.get(i));
    }
    channelQueue.clear();
    channelQueue.addAll(keep);
    current = null;
    defaultConfig = config;
  }

  /**
   * Drops the channels of which nothing was sent and closes the one being filled so that its
   * remaining frames can go out (op-batcher {@code Close}, on stopping): a restarted batcher starts
   * from the safe head anyway. Returns whether frames remain to be sent.
   */
  public synchronized boolean close() {
    if (closed) {
      return hasPendingData();
    }
    closed = true;
    for (PendingChannel channel : List.copyOf(channelQueue)) {
      if (channel.noneSubmitted()) {
        remove(channel);
      }
    }
    if (current != null && !current.isFull()) {
      current.builder().close();
      outputFrames();
    }
    return hasPendingData();
  }

  private boolean hasPendingData() {
    for (PendingChannel channel : channelQueue) {
      if (channel.hasTxData()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a channel whose frames all landed was not derived: the L1 the rollup node has read is a
   * channel timeout past its last frame, and the safe head is still before its last block. Channels
   * the safe head passed are forgotten.
   */
  public synchronized boolean derivationStalled(long safeL2, long currentL1) {
    landed.removeIf(l -> l.lastL2Block() <= safeL2);
    for (Landed l : landed) {
      if (currentL1 >= l.maxInclusionBlock() + defaultConfig.channelTimeout()) {
        return true;
      }
    }
    return false;
  }

  /** Transactions in flight whose frames the manager still expects to hear about. */
  public synchronized int trackedTxs() {
    return txChannels.size();
  }

  /** Channels being filled or sent. */
  public synchronized int openChannels() {
    return channelQueue.size();
  }
}
