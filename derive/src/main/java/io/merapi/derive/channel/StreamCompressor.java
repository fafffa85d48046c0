package io.merapi.derive.channel;

/**
 * A {@link Compressor} over one compressed stream: flushing, closing and reading go to the stream,
 * and each kind decides only when the channel is full. The kinds are op-batcher's: {@link
 * ShadowCompressor} (its default), {@link RatioCompressor}, {@link NoneCompressor}, and an
 * unbounded one ({@link Compressor#unbounded}).
 */
public abstract class StreamCompressor implements Compressor {
  /** The stream whose bytes the channel's frames carry. */
  protected final ChannelCompressor stream;

  protected StreamCompressor(ChannelCompressor stream) {
    this.stream = stream;
  }

  @Override
  public void flush() {
    stream.flush();
  }

  @Override
  public void close() {
    stream.close();
  }

  /** Empties the stream; a kind that keeps counts clears them too. */
  @Override
  public void reset() {
    stream.reset();
  }

  @Override
  public int length() {
    return stream.length();
  }

  @Override
  public int read(byte[] out, int offset, int length) {
    return stream.read(out, offset, length);
  }
}
