package io.merapi.derive.frame;

import io.merapi.base.bytes.Bytes;

/** A channel's 16-byte identifier, chosen at random by the batcher (specs derivation.md). */
public record ChannelId(Bytes bytes) {
  public static final int LENGTH = 16;

  public ChannelId {
    if (bytes.length() != LENGTH) {
      throw new IllegalArgumentException("a channel id has 16 bytes, got " + bytes.length());
    }
  }

  public static ChannelId fromHex(String hex) {
    return new ChannelId(Bytes.fromHex(hex));
  }

  @Override
  public String toString() {
    return bytes.toHex();
  }
}
