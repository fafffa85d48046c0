package io.merapi.faultproof.preimage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's side of the hint channel: reads a length-prefixed hint, hands its text to a router and
 * writes the one acknowledgement byte. A hint is acknowledged even when the router fails or the
 * hint is too long to take (its bytes are then skipped without being kept), so a bad hint costs one
 * log line and never stalls or kills the host; only a stream that ends inside a message stops it.
 */
public final class HintReader {
  private static final Logger LOG = LoggerFactory.getLogger(HintReader.class);

  /** Hints carry hashes, short inputs and payload attributes; 16 MiB is far above any of them. */
  public static final int DEFAULT_MAX_LENGTH = 16 << 20;

  /** What the host does with a hint's text. */
  @FunctionalInterface
  public interface Router {
    void route(String hint);
  }

  private final PreimageChannel channel;
  private final int maxLength;
  private final ByteBuffer lengthBuffer = ByteBuffer.allocate(4);
  private final ByteBuffer ack = ByteBuffer.allocate(1);

  public HintReader(PreimageChannel channel) {
    this(channel, DEFAULT_MAX_LENGTH);
  }

  public HintReader(PreimageChannel channel, int maxLength) {
    this.channel = channel;
    this.maxLength = maxLength;
  }

  /**
   * Reads, routes and acknowledges the next hint. Returns false when the program closed the channel
   * between hints.
   *
   * @throws PreimageProtocolException when the stream ends inside a hint
   */
  public boolean next(Router router) throws IOException {
    lengthBuffer.clear();
    if (!channel.readFully(lengthBuffer, "a hint length")) {
      return false;
    }
    long length = Integer.toUnsignedLong(lengthBuffer.getInt(0));
    if (length > maxLength) {
      skip(length);
      LOG.warn("Ignored a hint of {} bytes, more than the {} accepted", length, maxLength);
    } else {
      ByteBuffer text = ByteBuffer.allocate((int) length);
      channel.readExactly(text, "a hint of " + length + " bytes");
      String hint = new String(text.array(), StandardCharsets.UTF_8);
      try {
        router.route(hint);
      } catch (RuntimeException e) {
        LOG.warn("Hint not handled: {} ({})", Hint.abbreviate(hint), e.getMessage());
      }
    }
    ack.clear();
    ack.put((byte) 0).flip();
    channel.writeFully(ack);
    return true;
  }

  private void skip(long length) throws IOException {
    ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    long left = length;
    while (left > 0) {
      scratch.clear();
      scratch.limit((int) Math.min(scratch.capacity(), left));
      channel.readExactly(scratch, "the rest of an oversized hint");
      left -= scratch.position();
    }
  }
}
