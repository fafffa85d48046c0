package io.merapi.derive.channel;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.BatchFormatException;

/**
 * Any bytes read as a channel end in batches and an end result: decompression (zlib and brotli),
 * the RLP framing and the batch decoders never throw; turning a span batch into blocks throws only
 * {@link BatchFormatException}. The limit is kept small so a fuzzed zip bomb stays cheap.
 */
class ChannelFuzzTest {
  private static final long LIMIT = 1_000_000;

  @FuzzTest(maxDuration = "60s")
  void readingAChannelIsTotal(byte[] input) {
    try (BatchReader reader = BatchReader.open(Bytes.wrap(input), LIMIT, true)) {
      int batches = 0;
      while (reader.next() instanceof BatchReadResult.Read read) {
        batches++;
        if (read.batch() instanceof BatchData.Span span) {
          try {
            span.batch().toSpanBatch(2, 1_700_000_000L, 10);
          } catch (BatchFormatException expected) {
            // op-node skips such a batch and reads on.
          }
        }
        if (batches > LIMIT) {
          throw new AssertionError("more batches than bytes");
        }
      }
      if (reader.consumedBytes() > LIMIT) {
        throw new AssertionError("read past the RLP limit: " + reader.consumedBytes());
      }
    }
  }
}
