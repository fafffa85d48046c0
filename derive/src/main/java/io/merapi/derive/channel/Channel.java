package io.merapi.derive.channel;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The frames of one channel as they arrive (specs derivation.md "Channel Bank", op-node {@code
 * Channel}): frames may come in any order until the closing frame fixes the last number, or, from
 * Holocene, only in order ({@code requireInOrder}). The channel is ready once frames 0 to the
 * closing one are all there; its data is their data in order.
 *
 * <p>Mutable, used by one pipeline stage at a time.
 */
public final class Channel {
  /**
   * What each frame counts towards a channel's size besides its data (op-node {@code frameSize}).
   */
  public static final int FRAME_OVERHEAD = 200;

  private final ChannelId id;
  private final L1BlockRef openBlock;
  private final boolean requireInOrder;
  private final Map<Integer, Frame> inputs = new HashMap<>();
  private long size;
  private boolean closed;
  private int highestFrameNumber;
  private int endFrameNumber;
  private Optional<L1BlockRef> highestL1InclusionBlock = Optional.empty();

  /**
   * A channel first seen in {@code openBlock}; with {@code requireInOrder} (Holocene) frames must
   * be added in order, starting at 0.
   */
  public Channel(ChannelId id, L1BlockRef openBlock, boolean requireInOrder) {
    this.id = id;
    this.openBlock = openBlock;
    this.requireInOrder = requireInOrder;
  }

  /** Why a frame was not added. The checks are specified and change only with a hard fork. */
  public enum RejectReason {
    /** The frame belongs to another channel. */
    WRONG_CHANNEL,
    /** A second closing frame. */
    ALREADY_CLOSED,
    /** A frame with this number is already in the channel. */
    DUPLICATE,
    /** The number is at or past the closing frame's. */
    PAST_END,
    /** Holocene: the frame is not the next one in order. */
    OUT_OF_ORDER
  }

  /** A frame that was not added, and why. */
  public record Rejection(RejectReason reason, String message) {}

  /**
   * Adds {@code frame}, included in L1 block {@code inclusionBlock}, or says why it is not added.
   */
  public Optional<Rejection> addFrame(Frame frame, L1BlockRef inclusionBlock) {
    int number = frame.frameNumber();
    if (!frame.channelId().equals(id)) {
      return reject(
          RejectReason.WRONG_CHANNEL,
          "frame of channel " + frame.channelId() + " given to channel " + id);
    }
    if (frame.isLast() && closed) {
      return reject(
          RejectReason.ALREADY_CLOSED,
          "closing frame "
              + number
              + " for channel "
              + id
              + ", already closed by frame "
              + endFrameNumber);
    }
    if (inputs.containsKey(number)) {
      return reject(RejectReason.DUPLICATE, "duplicate frame " + number + " of channel " + id);
    }
    if (closed && number >= endFrameNumber) {
      return reject(
          RejectReason.PAST_END,
          "frame " + number + " at or past the closing frame " + endFrameNumber + " of " + id);
    }
    if (requireInOrder && number != inputs.size()) {
      return reject(
          RejectReason.OUT_OF_ORDER,
          "frame " + number + " out of order in channel " + id + ", expected " + inputs.size());
    }
    if (frame.isLast()) {
      endFrameNumber = number;
      closed = true;
      if (endFrameNumber < highestFrameNumber) {
        // Frames past the closing one are pruned. op-node (and kona) subtract the size of every
        // buffered frame here, not only of the pruned ones; the channel bank's size limit depends
        // on this number, so it is kept exactly.
        for (Frame buffered : inputs.values()) {
          size -= frameSize(buffered);
        }
        inputs.keySet().removeIf(n -> n >= endFrameNumber);
        highestFrameNumber = endFrameNumber;
      }
    }
    if (number > highestFrameNumber) {
      highestFrameNumber = number;
    }
    if (highestL1InclusionBlock.isEmpty()
        || Long.compareUnsigned(highestL1InclusionBlock.get().number(), inclusionBlock.number())
            < 0) {
      highestL1InclusionBlock = Optional.of(inclusionBlock);
    }
    inputs.put(number, frame);
    size += frameSize(frame);
    return Optional.empty();
  }

  private static Optional<Rejection> reject(RejectReason reason, String message) {
    return Optional.of(new Rejection(reason, message));
  }

  /** The size a frame counts towards its channel's: its data and {@link #FRAME_OVERHEAD}. */
  public static long frameSize(Frame frame) {
    return (long) frame.data().length() + FRAME_OVERHEAD;
  }

  public ChannelId id() {
    return id;
  }

  /** The L1 block that carried the channel's first frame. */
  public L1BlockRef openBlock() {
    return openBlock;
  }

  public long openBlockNumber() {
    return openBlock.number();
  }

  /** The latest L1 block that carried one of the channel's frames; empty before the first. */
  public Optional<L1BlockRef> highestL1InclusionBlock() {
    return highestL1InclusionBlock;
  }

  /**
   * The channel's size for the channel bank's limit: the frames' data and overhead (op-node {@code
   * Channel.Size}, including its pruning arithmetic, see {@link #addFrame}).
   */
  public long size() {
    return size;
  }

  /** Whether the closing frame has been added. */
  public boolean isClosed() {
    return closed;
  }

  /** The number of frames held. */
  public int frameCount() {
    return inputs.size();
  }

  /** Whether the closing frame and every frame before it are there. */
  public boolean isReady() {
    if (!closed || inputs.size() != endFrameNumber + 1) {
      return false;
    }
    for (int i = 0; i <= endFrameNumber; i++) {
      if (!inputs.containsKey(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The channel's compressed data: the frames' data in order.
   *
   * @throws IllegalStateException if the channel is not ready
   */
  public Bytes data() {
    if (!isReady()) {
      throw new IllegalStateException("channel " + id + " is not ready to be read");
    }
    int length = 0;
    for (int i = 0; i <= endFrameNumber; i++) {
      length += inputs.get(i).data().length();
    }
    byte[] out = new byte[length];
    int at = 0;
    for (int i = 0; i <= endFrameNumber; i++) {
      byte[] data = inputs.get(i).data().array();
      System.arraycopy(data, 0, out, at, data.length);
      at += data.length;
    }
    return Bytes.wrap(out);
  }
}
