package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.Batch;
import java.util.Optional;

/**
 * Decompresses a channel and reads its batches (specs derivation.md "Channel Format", "Batch
 * Format"; fjord/derivation.md "Brotli Channel Compression"; delta/span-batches.md).
 */
@FunctionalInterface
public interface ChannelDecoder {

  /** The batches of one channel, read lazily. */
  @FunctionalInterface
  interface BatchReader {
    /**
     * The next batch, or empty when the channel holds no more: its end, the end of the first {@code
     * maxRlpBytes} decompressed bytes, or bytes that do not decode as a batch (the rest of the
     * channel is then ignored).
     */
    Optional<Batch> next();
  }

  /**
   * Starts reading {@code channel}.
   *
   * @param maxRlpBytes {@code MAX_RLP_BYTES_PER_CHANNEL}: decompressed bytes past it are not read
   * @param brotliAllowed whether brotli channels (version byte 1) are accepted (from Fjord)
   * @return empty if the channel's compression is not recognised
   */
  Optional<BatchReader> open(Bytes channel, long maxRlpBytes, boolean brotliAllowed);
}
