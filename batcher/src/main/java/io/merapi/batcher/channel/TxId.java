package io.merapi.batcher.channel;

import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.util.List;

/**
 * Which frames a batcher transaction carries (op-batcher {@code txID}): the key by which the
 * channel manager learns that a transaction failed or landed.
 */
public record TxId(List<FrameId> frames) {
  /** A frame by its channel and number. */
  public record FrameId(ChannelId channelId, int frameNumber) {}

  public TxId {
    frames = List.copyOf(frames);
  }

  static TxId of(List<Frame> frames) {
    return new TxId(frames.stream().map(f -> new FrameId(f.channelId(), f.frameNumber())).toList());
  }

  /** As op-batcher prints it: {@code channel:0+1+2}, a {@code |} before another channel. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    ChannelId current = null;
    for (FrameId frame : frames) {
      if (frame.channelId().equals(current)) {
        sb.append('+');
      } else {
        if (current != null) {
          sb.append('|');
        }
        current = frame.channelId();
        sb.append(current).append(':');
      }
      sb.append(frame.frameNumber());
    }
    return sb.toString();
  }
}
