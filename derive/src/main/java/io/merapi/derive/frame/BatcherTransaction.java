package io.merapi.derive.frame;

import io.merapi.base.bytes.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data of a batcher transaction, in calldata or in a blob (specs derivation.md "Batcher
 * Transaction Format"): {@code version_byte ++ rollup_payload}, where version 0 carries one or more
 * frames back to back ("Frame Format"). Parsing is as strict as op-node's {@code ParseFrames}: the
 * first bad frame invalidates the data of the whole transaction, including the frames before it.
 */
public final class BatcherTransaction {
  /** The derivation version byte of frame data. */
  public static final int DERIVATION_VERSION_0 = 0;

  /** Version 1 is reserved for alt-DA commitments (specs experimental/alt-da.md). */
  public static final int DERIVATION_VERSION_1 = 1;

  private BatcherTransaction() {}

  /** Parses {@code data} as the frames of one batcher transaction. */
  public static FrameParseResult parseFrames(Bytes data) {
    return parseFrames(data.array());
  }

  /** Parses {@code data} as the frames of one batcher transaction. */
  public static FrameParseResult parseFrames(byte[] data) {
    if (data.length == 0) {
      return new FrameParseResult.Invalid("empty batcher transaction data", 0);
    }
    int version = data[0] & 0xff;
    if (version != DERIVATION_VERSION_0) {
      String what =
          version == DERIVATION_VERSION_1
              ? "derivation version 1 (an alt-DA commitment, not frames)"
              : "unknown derivation version " + version;
      return new FrameParseResult.Invalid(what + ": frames need version 0", 0);
    }
    List<Frame> frames = new ArrayList<>();
    int at = 1;
    while (at < data.length) {
      int index = frames.size();
      if (data.length - at < ChannelId.LENGTH) {
        return truncated(index, "channel_id", data.length - at, ChannelId.LENGTH, at);
      }
      ChannelId id = new ChannelId(Bytes.wrap(Arrays.copyOfRange(data, at, at + ChannelId.LENGTH)));
      at += ChannelId.LENGTH;
      if (data.length - at < 2) {
        return truncated(index, "frame_number", data.length - at, 2, at);
      }
      int frameNumber = ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
      at += 2;
      if (data.length - at < 4) {
        return truncated(index, "frame_data_length", data.length - at, 4, at);
      }
      long length =
          ((data[at] & 0xffL) << 24)
              | ((data[at + 1] & 0xffL) << 16)
              | ((data[at + 2] & 0xffL) << 8)
              | (data[at + 3] & 0xffL);
      if (length > Frame.MAX_DATA_LENGTH) {
        return new FrameParseResult.Invalid(
            "frame "
                + index
                + ": frame_data_length "
                + length
                + " is larger than the maximum "
                + Frame.MAX_DATA_LENGTH,
            at);
      }
      at += 4;
      if (data.length - at < length) {
        return truncated(index, "frame_data", data.length - at, (int) length, at);
      }
      Bytes frameData = Bytes.wrap(Arrays.copyOfRange(data, at, at + (int) length));
      at += (int) length;
      if (at >= data.length) {
        return truncated(index, "is_last", 0, 1, at);
      }
      int isLast = data[at] & 0xff;
      if (isLast > 1) {
        return new FrameParseResult.Invalid(
            "frame " + index + ": is_last byte is " + isLast + ", must be 0 or 1", at);
      }
      at++;
      frames.add(new Frame(id, frameNumber, frameData, isLast == 1));
    }
    if (frames.isEmpty()) {
      return new FrameParseResult.Invalid("no frames after the derivation version byte", 1);
    }
    return new FrameParseResult.Valid(frames);
  }

  private static FrameParseResult truncated(
      int index, String field, int have, int need, int offset) {
    return new FrameParseResult.Invalid(
        "frame " + index + ": data ends inside " + field + " (" + have + " of " + need + " bytes)",
        offset);
  }

  /** {@code DERIVATION_VERSION_0 ++ frames}: the data of one batcher transaction. */
  public static Bytes encode(List<Frame> frames) {
    int length = 1;
    for (Frame frame : frames) {
      length += frame.encodedLength();
    }
    byte[] out = new byte[length];
    out[0] = DERIVATION_VERSION_0;
    int at = 1;
    for (Frame frame : frames) {
      at = frame.writeTo(out, at);
    }
    return Bytes.wrap(out);
  }

  /** The data of a batcher transaction carrying one frame. */
  public static Bytes encode(Frame frame) {
    return encode(List.of(frame));
  }

  /**
   * The data of a transaction that closes a channel of which {@code frames} (all of one channel, in
   * the order they went to L1) were submitted, so that its frames can be read or time out (op-node
   * {@code ForceCloseTxData}): an empty closing frame 0 if no frame closed the channel, else empty
   * frames for every number missing below the first closing frame. The result is only the version
   * byte when nothing is missing.
   *
   * @throws IllegalArgumentException if {@code frames} is empty or mixes channels
   */
  public static Bytes forceCloseTxData(List<Frame> frames) {
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("at least one frame is needed to force-close a channel");
    }
    ChannelId id = frames.get(0).channelId();
    Set<Integer> numbers = new TreeSet<>();
    boolean closed = false;
    int closeNumber = 0;
    for (int i = 0; i < frames.size(); i++) {
      Frame frame = frames.get(i);
      if (!frame.channelId().equals(id)) {
        throw new IllegalArgumentException(
            "frame " + i + " is of channel " + frame.channelId() + ", frame 0 of " + id);
      }
      if (!closed && frame.isLast()) {
        closeNumber = frame.frameNumber();
      }
      closed |= frame.isLast();
      numbers.add(frame.frameNumber());
    }
    List<Frame> out = new ArrayList<>();
    if (!closed) {
      out.add(new Frame(id, 0, Bytes.EMPTY, true));
    } else {
      for (int number = 0; number <= closeNumber; number++) {
        if (!numbers.contains(number)) {
          out.add(new Frame(id, number, Bytes.EMPTY, false));
        }
      }
    }
    return encode(out);
  }
}
