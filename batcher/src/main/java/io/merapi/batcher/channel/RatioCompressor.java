package io.merapi.batcher.channel;

import io.merapi.derive.channel.ChannelCompressor;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.Compressor;

/**
 * op-batcher's {@code RatioCompressor}: the channel is full once its uncompressed input reaches
 * {@code targetOutputSize / approxComprRatio}. Cheap (never flushes) but may overshoot the target,
 * which then costs an extra, small frame.
 */
public final class RatioCompressor implements Compressor {
  private final long inputThreshold;
  private final ChannelCompressor compressor;
  private long inputBytes;

  public RatioCompressor(long targetOutputSize, double approxComprRatio, CompressionAlgo algo) {
    if (!(approxComprRatio > 0)) {
      throw new IllegalArgumentException(
          "the approximate compression ratio must be above 0, not " + approxComprRatio);
    }
    this.inputThreshold = (long) (targetOutputSize / approxComprRatio);
    this.compressor = ChannelCompressor.create(algo);
  }

  /** The input size at which the channel is full. */
  public long inputThreshold() {
    return inputThreshold;
  }

  @Override
  public boolean write(byte[] data) {
    if (isFull()) {
      return false;
    }
    inputBytes += data.length;
    compressor.write(data);
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
    inputBytes = 0;
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
    return inputBytes >= inputThreshold;
  }
}
