package io.merapi.derive.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.merapi.base.bytes.Bytes;

/**
 * Any bytes either decode as a span batch or are refused with {@link BatchFormatException}, and
 * nothing else. A decoded batch re-encodes to bytes that decode to the same batch (the input may
 * differ: op-node's decoder accepts non-minimal varints and ignores trailing bytes), and its
 * transactions either restore or are refused with {@link BatchFormatException}.
 */
class SpanBatchFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void decodingIsTotal(byte[] input) {
    RawSpanBatch batch;
    try {
      batch = RawSpanBatch.decode(input, 0, input.length);
    } catch (BatchFormatException refused) {
      return;
    }
    Bytes encoded = batch.encode();
    RawSpanBatch again = RawSpanBatch.decode(encoded.array(), 0, encoded.length());
    assertThat(again.encode()).isEqualTo(encoded);
    SpanBatch blocks;
    try {
      blocks = batch.toSpanBatch(2, 1_700_000_000L, 10);
    } catch (BatchFormatException refused) {
      return;
    }
    assertThat(blocks.blocks()).hasSize(batch.blockCount());
  }
}
