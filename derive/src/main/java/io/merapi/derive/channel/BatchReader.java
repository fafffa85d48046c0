package io.merapi.derive.channel;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.BatchFormatException;
import io.merapi.derive.channel.BatchReadResult.End;
import io.merapi.derive.channel.BatchReadResult.EndReason;
import java.util.Optional;

/**
 * Reads the batches of one channel from its compressed data (specs derivation.md "Channel Format",
 * "Channel Reader (Batch Decoding)"; op-node {@code BatchReader}): the compression is told by the
 * first byte (zlib by its compression method 8 or 15, brotli by the version byte 0x01, accepted
 * from Fjord), the stream is inflated lazily, and batches are read one RLP byte string after the
 * other until the stream ends, fails, or reaching the next batch would pass {@code
 * MAX_RLP_BYTES_PER_CHANNEL} decompressed bytes. Whatever stops it, the batches before stand: a
 * channel whose stream ends early still yields the batches it holds.
 *
 * <p>The decompressed data is held only up to the batch being read. Brotli uses a native decoder:
 * {@link #close} frees it early, otherwise it is freed when the stream ends.
 */
public final class BatchReader implements AutoCloseable {
  private static final int INITIAL_BUFFER = 64 * 1024;
  private static final int MAX_BUFFER = Integer.MAX_VALUE - 64;
  private static final int EAGER_GROWTH = 16 * 1024 * 1024;

  private final Optional<Compression> compression;
  private final long maxRlpBytes;
  private final Decompressor decompressor;
  private byte[] buffer = new byte[0];
  private int readAt;
  private int writeAt;
  private long consumed;
  private long decompressed;
  private int batchIndex;
  private End finished;

  private BatchReader(
      Optional<Compression> compression, long maxRlpBytes, Decompressor decompressor, End end) {
    this.compression = compression;
    this.maxRlpBytes = maxRlpBytes;
    this.decompressor = decompressor;
    this.finished = end;
  }

  /**
   * A reader of the channel with compressed data {@code channel}, reading at most {@code
   * maxRlpBytesPerChannel} decompressed bytes ({@link ChannelLimits}); brotli only if {@code
   * fjord}. A channel that cannot be read at all gives a reader whose first result is an {@link
   * EndReason#UNREADABLE} end.
   */
  public static BatchReader open(Bytes channel, long maxRlpBytesPerChannel, boolean fjord) {
    byte[] data = channel.array();
    if (data.length == 0) {
      return unreadable(Optional.empty(), maxRlpBytesPerChannel, "the channel has no data");
    }
    int first = data[0] & 0xff;
    if ((first & 0x0f) == 8 || (first & 0x0f) == 15) {
      Optional<String> problem = ZlibDecompressor.headerProblem(data);
      if (problem.isPresent()) {
        return unreadable(Optional.of(Compression.ZLIB), maxRlpBytesPerChannel, problem.get());
      }
      return new BatchReader(
          Optional.of(Compression.ZLIB), maxRlpBytesPerChannel, new ZlibDecompressor(data), null);
    }
    if (first == Compression.CHANNEL_VERSION_BROTLI) {
      if (!fjord) {
        return unreadable(
            Optional.of(Compression.BROTLI),
            maxRlpBytesPerChannel,
            "brotli channels are accepted from Fjord on, and Fjord is not active");
      }
      return new BatchReader(
          Optional.of(Compression.BROTLI),
          maxRlpBytesPerChannel,
          new BrotliDecompressor(data, 1),
          null);
    }
    return unreadable(
        Optional.empty(),
        maxRlpBytesPerChannel,
        String.format(
            "cannot tell the compression from the first byte 0x%02x (zlib has method 8 or 15 in"
                + " its low bits, brotli the version byte 0x01)",
            first));
  }

  private static BatchReader unreadable(
      Optional<Compression> compression, long maxRlpBytes, String detail) {
    return new BatchReader(compression, maxRlpBytes, null, new End(EndReason.UNREADABLE, detail));
  }

  /** The compression the first byte names; empty if it names none. */
  public Optional<Compression> compression() {
    return compression;
  }

  /** How many decompressed bytes the stream has given so far. */
  public long decompressedBytes() {
    return decompressed;
  }

  /** How many decompressed bytes the batches read so far take, RLP headers included. */
  public long consumedBytes() {
    return consumed;
  }

  /** The next batch, or why there is none. */
  public BatchReadResult next() {
    if (finished != null) {
      return finished;
    }
    if (!fill(1)) {
      return endOfData();
    }
    int prefix = buffer[readAt] & 0xff;
    int headerLength;
    long size;
    if (prefix < 0x80) {
      // A single byte below 0x80 is its own RLP string: a one-byte batch.
      headerLength = 0;
      size = 1;
    } else if (prefix <= 0xb7) {
      headerLength = 1;
      size = prefix - 0x80;
    } else if (prefix <= 0xbf) {
      int lengthOfLength = prefix - 0xb7;
      headerLength = 1 + lengthOfLength;
      if (!fill(headerLength)) {
        return partial("its RLP header");
      }
      if (buffer[readAt + 1] == 0) {
        return malformed("its RLP string size has a leading zero byte");
      }
      size = 0;
      for (int i = 1; i <= lengthOfLength; i++) {
        size = (size << 8) | (buffer[readAt + i] & 0xff);
      }
      if (Long.compareUnsigned(size, 56) < 0) {
        return malformed("its RLP string uses the long form for " + size + " bytes");
      }
    } else {
      return malformed("it is an RLP list, a batch is an RLP byte string");
    }
    long itemLength = headerLength + size;
    if (Long.compareUnsigned(size, maxRlpBytes) > 0 || consumed + itemLength > maxRlpBytes) {
      return end(
          EndReason.RLP_LIMIT,
          "batch "
              + batchIndex
              + " at byte "
              + consumed
              + " ("
              + Long.toUnsignedString(itemLength)
              + " bytes) would pass the channel's limit of "
              + maxRlpBytes
              + " decompressed bytes");
    }
    if (itemLength > MAX_BUFFER) {
      return malformed("it declares " + itemLength + " bytes");
    }
    if (!fill((int) itemLength)) {
      return partial("it (" + itemLength + " bytes)");
    }
    int payload = readAt + headerLength;
    if (prefix == 0x81 && (buffer[payload] & 0xff) < 0x80) {
      return malformed(
          "its single byte 0x"
              + Integer.toHexString(buffer[payload] & 0xff)
              + " is wrapped as an RLP string (non-canonical)");
    }
    long offset = consumed;
    BatchData batch;
    try {
      batch = BatchData.decode(buffer, payload, (int) size);
    } catch (BatchFormatException e) {
      return malformed(e.getMessage());
    }
    readAt += (int) itemLength;
    consumed += itemLength;
    return new BatchReadResult.Read(batch, batchIndex++, offset);
  }

  /**
   * Makes {@code count} unread decompressed bytes available, inflating more as needed; false if the
   * stream stops before. The buffer grows only as data arrives, so a batch that declares a large
   * size in a stream that then stops costs no more memory than the data there is.
   */
  private boolean fill(int count) {
    while (writeAt - readAt < count) {
      if (decompressor == null) {
        return false;
      }
      if (writeAt == buffer.length) {
        makeRoom(count);
      }
      int n = decompressor.read(buffer, writeAt, buffer.length - writeAt);
      if (n == 0) {
        return false;
      }
      writeAt += n;
      decompressed += n;
    }
    return true;
  }

  /** Compacts the buffer when at most half of it is unread, else grows it. */
  private void makeRoom(int count) {
    int unread = writeAt - readAt;
    if (readAt > 0 && unread <= buffer.length / 2 && count <= buffer.length) {
      System.arraycopy(buffer, readAt, buffer, 0, unread);
    } else {
      long doubled = Math.max(INITIAL_BUFFER, 2L * buffer.length);
      long wanted = count <= EAGER_GROWTH ? Math.max(doubled, count) : doubled;
      int capacity = (int) Math.min(wanted, MAX_BUFFER);
      byte[] bigger = new byte[capacity];
      System.arraycopy(buffer, readAt, bigger, 0, unread);
      buffer = bigger;
    }
    readAt = 0;
    writeAt = unread;
  }

  /** No bytes are left: the end is what ended the stream. */
  private End endOfData() {
    return switch (decompressor == null ? Decompressor.Status.FINISHED : decompressor.status()) {
      case FINISHED, RUNNING -> end(EndReason.END_OF_STREAM, "");
      case TRUNCATED ->
          end(
              EndReason.STREAM_ENDS_EARLY,
              decompressor.detail() + ", after batch " + (batchIndex - 1) + " ended");
      case CORRUPT ->
          end(
              EndReason.CORRUPT_STREAM,
              decompressor.detail() + ", after batch " + (batchIndex - 1) + " ended");
    };
  }

  /** The stream stopped inside a batch. */
  private End partial(String what) {
    String where = "batch " + batchIndex + " at byte " + consumed;
    return switch (decompressor.status()) {
      case FINISHED, RUNNING -> malformed("the channel's data ends inside " + what);
      case TRUNCATED ->
          end(EndReason.STREAM_ENDS_EARLY, decompressor.detail() + ", inside " + where);
      case CORRUPT -> end(EndReason.CORRUPT_STREAM, decompressor.detail() + ", inside " + where);
    };
  }

  private End malformed(String what) {
    return end(
        EndReason.MALFORMED_BATCH, "batch " + batchIndex + " at byte " + consumed + ": " + what);
  }

  private End end(EndReason reason, String detail) {
    finished = new End(reason, detail);
    close();
    return finished;
  }

  /** Frees the decompressor; later calls of {@link #next} end the channel. */
  @Override
  public void close() {
    if (decompressor != null) {
      decompressor.release();
    }
    if (finished == null) {
      finished = new End(EndReason.STREAM_ENDS_EARLY, "the reader was closed");
    }
    buffer = new byte[0];
    readAt = 0;
    writeAt = 0;
  }
}
