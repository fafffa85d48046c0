package io.merapi.faultproof.preimage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The program's side of the hint channel: a 4-byte big-endian length and the hint's text, then one
 * acknowledgement byte from the host (spec fault-proof "Hinting"). Waiting for the byte is what
 * lets the program ask for the hinted pre-images right after.
 */
public final class HintWriter implements Hinter {
  private final PreimageChannel channel;
  private final ByteBuffer ack = ByteBuffer.allocate(1);

  public HintWriter(PreimageChannel channel) {
    this.channel = channel;
  }

  @Override
  public synchronized void hint(Hint hint) {
    byte[] text = hint.wireBytes();
    ByteBuffer message = ByteBuffer.allocate(4 + text.length);
    message.putInt(text.length).put(text).flip();
    try {
      channel.writeFully(message);
      ack.clear();
      channel.readExactly(ack, "the acknowledgement of hint " + hint);
    } catch (IOException e) {
      throw new PreimageUnavailableException(
          "hint " + hint + " not acknowledged: " + e.getMessage(), e);
    }
  }
}
