package io.merapi.derive.channel;

import io.merapi.derive.batch.BatchData;

/** The next batch of a channel, or why the channel has no more. */
public sealed interface BatchReadResult {

  /**
   * A batch.
   *
   * @param index its position among the channel's batches, from 0
   * @param offset where its RLP item starts in the decompressed data
   */
  record Read(BatchData batch, int index, long offset) implements BatchReadResult {}

  /**
   * The channel has no more batches; every later call says the same.
   *
   * @param detail what happened and where, for logs and tools
   */
  record End(EndReason reason, String detail) implements BatchReadResult {
    /** Whether the channel's data was read to its proper end (no error, nothing left over). */
    public boolean isClean() {
      return reason == EndReason.END_OF_STREAM;
    }
  }

  /**
   * Why a channel ends. For derivation all of them mean the same: the batches read so far stand,
   * and the channel is done (op-node moves to the next channel on any error).
   */
  enum EndReason {
    /** The compressed stream ended properly, right after the last batch. */
    END_OF_STREAM,
    /** The compressed bytes ended before the stream did. */
    STREAM_ENDS_EARLY,
    /** The compressed bytes are corrupt from some point on. */
    CORRUPT_STREAM,
    /** The next batch would take the channel over {@code MAX_RLP_BYTES_PER_CHANNEL}. */
    RLP_LIMIT,
    /** The next batch is not a valid batch (not an RLP byte string, or its content). */
    MALFORMED_BATCH,
    /**
     * The channel cannot be read at all: empty, an unknown compression, a bad zlib header, or
     * brotli before Fjord.
     */
    UNREADABLE
  }
}
