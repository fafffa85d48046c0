package io.merapi.batcher.channel;

import io.merapi.derive.channel.ChannelCompressor;
import io.merapi.derive.channel.Compressor;

/**
 * op-batcher's {@code NonCompressor}: zlib at level 0, flushed before each write so that every
 * earlier block is ready as frames at once. The channel is full once the stored bytes pass the
 * target; the write that passes it is still taken. Meant for tests (partly flushed channels).
 */
public final class NoneCompressor implements Compressor {
  private final long targetOutputSize;
  private final ChannelCompressor compressor = ChannelCompressor.zlibStored();
  private boolean full;

  public NoneCompressor(long targetOutputSize) {
    this.targetOutputSize = targetOutputSize;
  }

  @Override
  public boolean write(byte[] data) {
    if (full) {
      return false;
    }
    compressor.flush();
    compressor.write(data);
    if (compressor.length() > targetOutputSize) {
      full = true;
    }
    return true;
  }

  @Override
  public void flush() {
    compressor.flush();
  }

  @Override
  public void close() {
    compressor.close();
  }

  @Override
  public void reset() {
    compressor.reset();
    full = false;
  }

  @Override
  public int length() {
    return compressor.length();
  }

  @Override
  public int read(byte[] out, int offset, int length) {
    return compressor.read(out, offset, length);
  }

  @Override
  public boolean isFull() {
    return full;
  }
}
