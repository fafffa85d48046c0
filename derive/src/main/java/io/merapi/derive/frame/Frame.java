package io.merapi.derive.frame;

import io.merapi.base.bytes.Bytes;

/**
 * One frame of a channel (specs derivation.md "Frame Format"): {@code channel_id ++ frame_number
 * (uint16) ++ frame_data_length (uint32) ++ frame_data ++ is_last (bool)}.
 */
public record Frame(ChannelId channelId, int frameNumber, Bytes data, boolean isLast) {
  /** The bytes a frame takes besides its data: id 16, number 2, length 4, is_last 1. */
  public static final int OVERHEAD = ChannelId.LENGTH + 2 + 4 + 1;

  /** The largest frame data op-node accepts (derivation.md: MaxFrameLen, 1,000,000 bytes). */
  public static final int MAX_DATA_LENGTH = 1_000_000;

  public Frame {
    if (frameNumber < 0 || frameNumber > 0xffff) {
      throw new IllegalArgumentException("a frame number is a uint16, got " + frameNumber);
    }
  }

  /** The number of bytes this frame takes on the wire: {@link #OVERHEAD} plus its data. */
  public int encodedLength() {
    return OVERHEAD + data.length();
  }

  /**
   * Writes the frame at {@code offset} of {@code out} (big-endian numbers, {@code is_last} as 0 or
   * 1) and returns the offset after it.
   */
  public int writeTo(byte[] out, int offset) {
    int at = offset;
    System.arraycopy(channelId.bytes().array(), 0, out, at, ChannelId.LENGTH);
    at += ChannelId.LENGTH;
    out[at++] = (byte) (frameNumber >>> 8);
    out[at++] = (byte) frameNumber;
    int length = data.length();
    out[at++] = (byte) (length >>> 24);
    out[at++] = (byte) (length >>> 16);
    out[at++] = (byte) (length >>> 8);
    out[at++] = (byte) length;
    System.arraycopy(data.array(), 0, out, at, length);
    at += length;
    out[at++] = (byte) (isLast ? 1 : 0);
    return at;
  }

  /** The frame's wire encoding. */
  public Bytes encode() {
    byte[] out = new byte[encodedLength()];
    writeTo(out, 0);
    return Bytes.wrap(out);
  }
}
