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
}
