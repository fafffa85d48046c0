package io.merapi.derive.channel;

/**
 * op-batcher's {@code NonCompressor}: zlib at level 0, flushed before each write so that every
 * earlier block is ready as frames at once. The channel is full once the stored bytes pass the
 * target; the write that passes it is still taken. Meant for tests (partly flushed channels).
 */
public final class NoneCompressor extends StreamCompressor {
  private final long targetOutputSize;
  private boolean full;

  public NoneCompressor(long targetOutputSize) {
    super(ChannelCompressor.zlibStored());
    this.targetOutputSize = targetOutputSize;
  }

  @Override
  public boolean write(byte[] data) {
    if (full) {
      return false;
    }
    stream.flush();
    stream.write(data);
    if (stream.length() > targetOutputSize) {
      full = true;
    }
    return true;
  }

  @Override
  public void reset() {
    super.reset();
    full = false;
  }

  @Override
  public boolean isFull() {
    return full;
  }
}
