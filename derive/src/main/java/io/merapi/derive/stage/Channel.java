package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel being put together from its frames (specs derivation.md "Channel Bank", "Loading
 * frames"). Before Holocene frames may arrive in any order; from Holocene they must arrive in order
 * (holocene/derivation.md "Channel Bank").
 */
public final class Channel {

  /** Why a frame was not added; the channel is unchanged. */
  public enum FrameRejection {
    /** The frame belongs to another channel. */
    WRONG_CHANNEL,
    /** A second closing frame ("Duplicate closes ... are dropped"). */
    ALREADY_CLOSED,
    /** A frame number seen before ("Duplicate frames (by frame number) ... are dropped"). */
    DUPLICATE_FRAME,
    /** A frame number at or past the closing frame's. */
    PAST_CLOSING_FRAME,
    /** From Holocene, a frame that is not the next one in order. */
    OUT_OF_ORDER
  }

  private final ChannelId id;
  private final L1BlockRef openBlock;
  private final boolean requireInOrder;
  private final Map<Integer, Frame> inputs = new HashMap<>();
  private long size;
  private boolean closed;
  private int highestFrameNumber;
  private int endFrameNumber;
  private L1BlockRef highestInclusionBlock;

  public Channel(ChannelId id, L1BlockRef openBlock, boolean requireInOrder) {
    this.id = Objects.requireNonNull(id, "id");
    this.openBlock = Objects.requireNonNull(openBlock, "openBlock");
    this.requireInOrder = requireInOrder;
    this.highestInclusionBlock = openBlock;
  }

  public ChannelId id() {
    return id;
  }

  /** The L1 block in which the channel's first seen frame was included. */
  public L1BlockRef openBlock() {
    return openBlock;
  }

  /** The latest L1 block that added a frame. */
  public L1BlockRef highestInclusionBlock() {
    return highestInclusionBlock;
  }

  /** The buffered frame data plus {@link ProtocolParameters#FRAME_OVERHEAD} per frame. */
  public long size() {
    return size;
  }

  public int frameCount() {
    return inputs.size();
  }

  public boolean isClosed() {
    return closed;
  }

  /**
   * Adds {@code frame}, included in {@code inclusionBlock}, or says why it is dropped. A closing
   * frame drops the buffered frames numbered above it.
   */
  public Optional<FrameRejection> addFrame(Frame frame, L1BlockRef inclusionBlock) {
    if (!frame.channelId().equals(id)) {
      return Optional.of(FrameRejection.WRONG_CHANNEL);
    }
    if (frame.isLast() && closed) {
      return Optional.of(FrameRejection.ALREADY_CLOSED);
    }
    if (inputs.containsKey(frame.frameNumber())) {
      return Optional.of(FrameRejection.DUPLICATE_FRAME);
    }
    if (closed && frame.frameNumber() >= endFrameNumber) {
      return Optional.of(FrameRejection.PAST_CLOSING_FRAME);
    }
    if (requireInOrder && frame.frameNumber() != inputs.size()) {
      return Optional.of(FrameRejection.OUT_OF_ORDER);
    }
    if (frame.isLast()) {
      endFrameNumber = frame.frameNumber();
      closed = true;
      if (endFrameNumber < highestFrameNumber) {
        Iterator<Map.Entry<Integer, Frame>> it = inputs.entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<Integer, Frame> entry = it.next();
          if (entry.getKey() >= endFrameNumber) {
            it.remove();
          }
          // op-node (and kona) subtract the size of every buffered frame here, not only of the
          // pruned ones; the channel bank's pruning depends on this size, so it is kept exactly.
          size -= frameSize(entry.getValue());
        }
        highestFrameNumber = endFrameNumber;
      }
    }
    if (frame.frameNumber() > highestFrameNumber) {
      highestFrameNumber = frame.frameNumber();
    }
    if (Long.compareUnsigned(highestInclusionBlock.number(), inclusionBlock.number()) < 0) {
      highestInclusionBlock = inclusionBlock;
    }
    inputs.put(frame.frameNumber(), frame);
    size += frameSize(frame);
    return Optional.empty();
  }

  /** Closed, with every frame from 0 to the closing one. */
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

  /** The channel's bytes: the data of its frames in order. Only for a ready channel. */
  public Bytes data() {
    if (!isReady()) {
      throw new IllegalStateException("channel " + id + " is not ready");
    }
    int length = 0;
    for (int i = 0; i <= endFrameNumber; i++) {
      length += inputs.get(i).data().length();
    }
    byte[] out = new byte[length];
    int offset = 0;
    for (int i = 0; i <= endFrameNumber; i++) {
      Bytes part = inputs.get(i).data();
      System.arraycopy(part.array(), 0, out, offset, part.length());
      offset += part.length();
    }
    return Bytes.wrap(out);
  }

  static long frameSize(Frame frame) {
    return frame.data().length() + ProtocolParameters.FRAME_OVERHEAD;
  }
}
