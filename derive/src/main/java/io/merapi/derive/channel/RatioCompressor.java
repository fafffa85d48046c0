package io.merapi.derive.channel;

/**
 * op-batcher's {@code RatioCompressor}: the channel is full once its uncompressed input reaches
 * {@code targetOutputSize / approxComprRatio}. Cheap (never flushes) but may overshoot the target,
 * which then costs an extra, small frame.
 */
public final class RatioCompressor extends StreamCompressor {
  private final long inputThreshold;
  private long inputBytes;

  public RatioCompressor(long targetOutputSize, double approxComprRatio, CompressionAlgo algo) {
    super(ChannelCompressor.create(algo));
    if (!(approxComprRatio > 0)) {
      throw new IllegalArgumentException(
          "the approximate compression ratio must be above 0, not " + approxComprRatio);
    }
    this.inputThreshold = (long) (targetOutputSize / approxComprRatio);
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
    stream.write(data);
    return true;
  }

  @Override
  public void reset() {
    super.reset();
    inputBytes = 0;
  }

  @Override
  public boolean isFull() {
    return inputBytes >= inputThreshold;
  }
}
