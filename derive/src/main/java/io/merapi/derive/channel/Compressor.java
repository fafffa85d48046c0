package io.merapi.derive.channel;

/**
 * What a channel out compresses its batches with (op-node {@code derive.Compressor}): a {@link
 * ChannelCompressor} that may refuse data once the channel has reached its target size.
 */
public interface Compressor {
  /**
   * Compresses all of {@code data}, or none of it when the compressor is full; returns whether it
   * was taken.
   */
  boolean write(byte[] data);

  /** Makes everything written so far readable, at some cost in compression. */
  void flush();

  /** Ends the stream. */
  void close();

  /** Starts over, empty. */
  void reset();

  /** The compressed bytes ready to be read. */
  int length();

  /** Moves up to {@code length} compressed bytes into {@code out}; returns how many. */
  int read(byte[] out, int offset, int length);

  /** Whether the compressor takes no more data. */
  boolean isFull();

  /** A compressor that is never full. */
  static Compressor unbounded(CompressionAlgo algo) {
    return new StreamCompressor(ChannelCompressor.create(algo)) {
      @Override
      public boolean write(byte[] data) {
        stream.write(data);
        return true;
      }

      @Override
      public boolean isFull() {
        return false;
      }
    };
  }
}
