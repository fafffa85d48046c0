package io.merapi.faultproof.preimage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The program's side of the pre-image channel: writes a 32-byte key and reads the 8-byte big-endian
 * length and the value (spec fault-proof "Pre-image communication"). A value longer than {@code
 * maxLength} is refused before it is read: no pre-image the program asks for comes near the default
 * of 1 GiB, and an absurd length means the stream is out of step.
 */
public final class OracleClient implements PreimageOracle {
  public static final long DEFAULT_MAX_LENGTH = 1L << 30;

  private final PreimageChannel channel;
  private final long maxLength;
  private final ByteBuffer lengthBuffer = ByteBuffer.allocate(8);

  public OracleClient(PreimageChannel channel) {
    this(channel, DEFAULT_MAX_LENGTH);
  }

  public OracleClient(PreimageChannel channel, long maxLength) {
    this.channel = channel;
    this.maxLength = Math.min(maxLength, Integer.MAX_VALUE - 8);
  }

  @Override
  public synchronized byte[] get(PreimageKey key) {
    try {
      channel.writeFully(ByteBuffer.wrap(key.toArray()));
      lengthBuffer.clear();
      channel.readExactly(lengthBuffer, "the length of pre-image " + key);
      long length = lengthBuffer.getLong(0);
      if (length < 0 || length > maxLength) {
        throw new PreimageProtocolException(
            "pre-image "
                + key
                + " has length "
                + Long.toUnsignedString(length)
                + ", more than the "
                + maxLength
                + " bytes accepted");
      }
      ByteBuffer value = ByteBuffer.allocate((int) length);
      channel.readExactly(value, "pre-image " + key + " (" + length + " bytes)");
      return value.array();
    } catch (IOException e) {
      throw new PreimageUnavailableException(
          "pre-image " + key + " not received: " + e.getMessage(), e);
    }
  }
}
