package io.merapi.derive.channel;

/**
 * op-batcher's default compressor ({@code ShadowCompressor}): a second "shadow" stream, flushed
 * whenever the output could be near the target, gives an upper bound on the real stream's size, so
 * the real stream (never flushed, better compressed) stays just under {@code targetOutputSize}. The
 * first write is always taken, so that a block larger than the target still gets a channel (spread
 * over more frames).
 */
public final class ShadowCompressor extends StreamCompressor {
  /**
   * The largest expansion expected when compressing incompressible data: a 2-byte header, a 4-byte
   * checksum, 5 bytes of end marker and 5 bytes of block header per 16 KiB of up to 128 KiB.
   */
  static final int SAFE_COMPRESSION_OVERHEAD = 51;

  /** The bytes a zlib writer adds on closing (op-batcher {@code CloseOverheadZlib}). */
  static final int CLOSE_OVERHEAD = 9;

  private final long targetOutputSize;
  private final ChannelCompressor shadow;
  private long bound = SAFE_COMPRESSION_OVERHEAD;
  private long written;
  private boolean full;

  public ShadowCompressor(long targetOutputSize, CompressionAlgo algo) {
    super(ChannelCompressor.create(algo));
    this.targetOutputSize = targetOutputSize;
    this.shadow = ChannelCompressor.create(algo);
  }

  @Override
  public boolean write(byte[] data) {
    if (full) {
      return false;
    }
    shadow.write(data);
    long newBound = bound + data.length;
    if (newBound > targetOutputSize) {
      // Only flush when the target could be reached: flushing costs compression, and the shadow
      // should compress like the real stream.
      shadow.flush();
      newBound = shadow.length() + CLOSE_OVERHEAD;
      if (newBound > targetOutputSize) {
        full = true;
        // op-batcher asks whether the real stream has output yet; whether anything was written
        // is what it means (a block over the target must still fit an empty channel).
        if (written > 0) {
          return false;
        }
      }
    }
    bound = newBound;
    stream.write(data);
    written += data.length;
    return true;
  }

  @Override
  public void reset() {
    super.reset();
    shadow.reset();
    full = false;
    written = 0;
    bound = SAFE_COMPRESSION_OVERHEAD;
  }

  @Override
  public boolean isFull() {
    return full;
  }
}
