package io.merapi.derive.channel;

import java.util.Arrays;

/**
 * A streaming compressor writing a channel's data (op-node {@code ChannelCompressor}): zlib at its
 * best compression, or brotli after the channel version byte 0x01 (specs fjord/derivation.md
 * "Brotli Channel Compression"). Compressed bytes collect in a buffer that {@link #read} drains
 * into frames.
 *
 * <p>{@link #close} ends the stream (no more writes until {@link #reset}); {@link #release} frees
 * native memory when the compressor is no longer needed (it is freed on garbage collection too).
 */
public abstract sealed class ChannelCompressor
    permits ChannelCompressor.Zlib, BrotliChannelCompressor {
  private byte[] buffer = new byte[4096];
  private int readAt;
  private int writeAt;

  /** A compressor for {@code algo}. */
  public static ChannelCompressor create(CompressionAlgo algo) {
    return switch (algo.compression()) {
      case ZLIB -> new Zlib(algo.level());
      case BROTLI -> new BrotliChannelCompressor(algo.level());
    };
  }

  /**
   * zlib that stores its input uncompressed (level 0): a channel any node reads, of predictable
   * size, for op-batcher's {@code none} compressor.
   */
  public static ChannelCompressor zlibStored() {
    return new Zlib(java.util.zip.Deflater.NO_COMPRESSION);
  }

  /** Compresses {@code data[offset, offset + length)}. */
  public abstract void write(byte[] data, int offset, int length);

  public final void write(byte[] data) {
    write(data, 0, data.length);
  }

  /** Emits everything written so far (a sync flush), at some cost in compression. */
  public abstract void flush();

  /** Ends the stream. */
  public abstract void close();

  /** Starts a new, empty stream. */
  public abstract void reset();

  /** Frees native resources; the compressor cannot be used afterwards. */
  public abstract void release();

  /** The number of compressed bytes not yet read. */
  public final int length() {
    return writeAt - readAt;
  }

  /** Moves up to {@code length} compressed bytes into {@code out}; returns how many. */
  public final int read(byte[] out, int offset, int length) {
    int n = Math.min(length, writeAt - readAt);
    System.arraycopy(buffer, readAt, out, offset, n);
    readAt += n;
    return n;
  }

  /** A copy of the compressed bytes not yet read. */
  public final byte[] unread() {
    return Arrays.copyOfRange(buffer, readAt, writeAt);
  }

  final void append(byte[] data, int offset, int length) {
    if (writeAt + length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, writeAt + length));
    }
    System.arraycopy(data, offset, buffer, writeAt, length);
    writeAt += length;
  }

  final void append(java.nio.ByteBuffer data) {
    int length = data.remaining();
    if (writeAt + length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, writeAt + length));
    }
    data.get(buffer, writeAt, length);
    writeAt += length;
  }

  final void clearBuffer() {
    readAt = 0;
    writeAt = 0;
  }

  /** zlib (RFC 1950) through the JDK's deflater. */
  static final class Zlib extends ChannelCompressor {
    private final java.util.zip.Deflater deflater;
    private final byte[] chunk = new byte[16 * 1024];

    Zlib(int level) {
      deflater = new java.util.zip.Deflater(level);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
      deflater.setInput(data, offset, length);
      while (!deflater.needsInput()) {
        int n = deflater.deflate(chunk, 0, chunk.length, java.util.zip.Deflater.NO_FLUSH);
        append(chunk, 0, n);
      }
    }

    @Override
    public void flush() {
      int n;
      do {
        n = deflater.deflate(chunk, 0, chunk.length, java.util.zip.Deflater.SYNC_FLUSH);
        append(chunk, 0, n);
      } while (n == chunk.length);
    }

    @Override
    public void close() {
      deflater.finish();
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        append(chunk, 0, n);
      }
    }

    @Override
    public void reset() {
      deflater.reset();
      clearBuffer();
    }

    @Override
    public void release() {
      deflater.end();
    }
  }
}
