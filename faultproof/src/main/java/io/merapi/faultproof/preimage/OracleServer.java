package io.merapi.faultproof.preimage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The host's side of the pre-image channel: reads a 32-byte key, answers the 8-byte big-endian
 * length and the value. One request at a time, in order, as the program sends them.
 */
public final class OracleServer {
  private final PreimageChannel channel;
  private final ByteBuffer keyBuffer = ByteBuffer.allocate(32);

  public OracleServer(PreimageChannel channel) {
    this.channel = channel;
  }

  /**
   * Serves the next request from {@code source}. Returns false when the program closed the channel
   * between requests.
   *
   * @throws PreimageProtocolException for a truncated key or a key of type 0
   * @throws RuntimeException what {@code source} throws for a key it cannot serve
   */
  public boolean serveNext(PreimageSource source) throws IOException {
    keyBuffer.clear();
    if (!channel.readFully(keyBuffer, "a pre-image key")) {
      return false;
    }
    byte[] raw = keyBuffer.array().clone();
    if (raw[0] == 0) {
      throw new PreimageProtocolException("requested pre-image key has the illegal type 0");
    }
    PreimageKey key = PreimageKey.of(raw);
    byte[] value = source.preimage(key);
    ByteBuffer answer = ByteBuffer.allocate(8 + value.length);
    answer.putLong(value.length).put(value).flip();
    channel.writeFully(answer);
    return true;
  }
}
