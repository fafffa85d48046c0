package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.channel.Channel;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.types.config.OpFork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The fourth stage before Holocene (specs derivation.md "Channel Bank"): buffers the channels whose
 * frames are arriving, in the order each was first seen (the channel queue), times out old ones,
 * prunes the oldest when the bank grows past {@code MAX_CHANNEL_BANK_SIZE}, and hands out complete
 * channels. Each call first tries to read a channel and only then loads one frame.
 */
public final class ChannelBank implements SignalReceiver {

  /** What happened to the last frame offered to the bank, for tests and metrics. */
  public enum FrameOutcome {
    ADDED,
    /** "New frames for timed-out channels are dropped instead of buffered." */
    CHANNEL_TIMED_OUT,
    /** The channel refused it; see {@link Channel.RejectReason}. */
    REJECTED
  }

  private final ProtocolParameters params;
  private final NextFrameProvider prev;
  private final OriginProvider origin;
  private final Map<ChannelId, Channel> channels = new HashMap<>();
  private final List<ChannelId> channelQueue = new ArrayList<>();

  public ChannelBank(ProtocolParameters params, NextFrameProvider prev, OriginProvider origin) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  public StageResult<Bytes> nextRawChannel() {
    switch (read()) {
      case StageResult.Ready<Bytes> ready -> {
        return ready;
      }
      case StageResult.NotEnoughData<Bytes> n -> {
        return n;
      }
      case StageResult.Eof<Bytes> e -> {
        // Nothing to read: load one frame.
      }
    }
    return switch (prev.nextFrame()) {
      case StageResult.Ready<Frame>(var frame) -> {
        ingestFrame(frame);
        yield StageResult.notEnoughData();
      }
      case StageResult.NotEnoughData<Frame> n -> StageResult.notEnoughData();
      case StageResult.Eof<Frame> e -> StageResult.eof();
    };
  }

  /**
   * Takes a channel out of the bank ("Reading"): timed-out channels at the head of the queue are
   * removed one per call; before Canyon only the head channel may be read, from Canyon (by the
   * inclusion block's time) the first ready channel in queue order.
   */
  StageResult<Bytes> read() {
    if (channelQueue.isEmpty()) {
      return StageResult.eof();
    }
    L1BlockRef current = origin.origin();
    Channel first = channels.get(channelQueue.get(0));
    if (timedOut(first, current)) {
      channels.remove(first.id());
      channelQueue.remove(0);
      return StageResult.notEnoughData();
    }
    if (!params.isActive(OpFork.CANYON, current.time())) {
      return tryRead(0, current);
    }
    for (int i = 0; i < channelQueue.size(); i++) {
      StageResult<Bytes> read = tryRead(i, current);
      if (read.isReady()) {
        return read;
      }
    }
    return StageResult.eof();
  }

  private StageResult<Bytes> tryRead(int index, L1BlockRef current) {
    Channel channel = channels.get(channelQueue.get(index));
    if (timedOut(channel, current) || !channel.isReady()) {
      return StageResult.eof();
    }
    channels.remove(channel.id());
    channelQueue.remove(index);
    return StageResult.ready(channel.data());
  }

  /**
   * Adds a frame ("Loading frames"): a frame of an unknown channel opens it, tagged with the
   * current L1 block; frames of timed-out channels and frames the channel refuses are dropped;
   * after a frame is added the bank is pruned.
   */
  FrameOutcome ingestFrame(Frame frame) {
    L1BlockRef current = origin.origin();
    Channel channel = channels.get(frame.channelId());
    if (channel == null) {
      channel = new Channel(frame.channelId(), current, false);
      channels.put(frame.channelId(), channel);
      channelQueue.add(frame.channelId());
    }
    if (timedOut(channel, current)) {
      return FrameOutcome.CHANNEL_TIMED_OUT;
    }
    if (channel.addFrame(frame, current).isPresent()) {
      return FrameOutcome.REJECTED;
    }
    prune(current);
    return FrameOutcome.ADDED;
  }

  /** Drops channels in queue order until the total size is within MAX_CHANNEL_BANK_SIZE. */
  private void prune(L1BlockRef current) {
    long total = 0;
    for (Channel channel : channels.values()) {
      total += channel.size();
    }
    long max = params.maxChannelBankSize(current.time());
    while (Long.compareUnsigned(total, max) > 0) {
      Channel dropped = channels.remove(channelQueue.remove(0));
      total -= dropped.size();
    }
  }

  /**
   * "A channel is timed out if: current_l1_block.number > channel.open_l1_block.number +
   * CHANNEL_TIMEOUT", the timeout chosen by the current block's time (Granite).
   */
  private boolean timedOut(Channel channel, L1BlockRef current) {
    long deadline = channel.openBlock().number() + params.channelTimeout(current.time());
    return Long.compareUnsigned(deadline, current.number()) < 0;
  }

  /** The channels in queue order. */
  public List<ChannelId> channelQueue() {
    return List.copyOf(channelQueue);
  }

  /** The channel with {@code id}, if the bank holds it. */
  java.util.Optional<Channel> channel(ChannelId id) {
    return java.util.Optional.ofNullable(channels.get(id));
  }

  @Override
  public void signal(Signal signal) {
    switch (signal) {
      case Signal.Reset r -> clear();
      // holocene/derivation.md "Activation": the channels in the channel bank are discarded.
      case Signal.Activation a -> {
        if (a.fork() == OpFork.HOLOCENE) {
          clear();
        }
      }
      case Signal.FlushChannel f -> {}
    }
  }

  private void clear() {
    channels.clear();
    channelQueue.clear();
  }
}
