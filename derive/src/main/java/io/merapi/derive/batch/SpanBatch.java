package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import java.util.List;

/**
 * A span batch as derivation uses it once decoded (specs delta/span-batches.md, type 1): the first
 * 20 bytes of the parent block's hash and of the last block's L1 origin hash ({@code hash[:20]}),
 * and the blocks with their absolute timestamps, epoch numbers and transactions (EIP-2718
 * encodings, signatures restored). The wire form (relative timestamp, origin bits, transactions
 * split by field) is the codec's business.
 */
public record SpanBatch(Bytes parentCheck, Bytes l1OriginCheck, List<SpanBatchElement> blocks)
    implements Batch {
  public static final int TYPE = 1;

  /** The length of the parent and L1 origin checks: a hash's first 20 bytes. */
  public static final int CHECK_LENGTH = 20;

  public SpanBatch {
    blocks = List.copyOf(blocks);
    if (parentCheck.length() != CHECK_LENGTH || l1OriginCheck.length() != CHECK_LENGTH) {
      throw new IllegalArgumentException("span batch checks have 20 bytes");
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("a span batch has at least one block");
    }
  }

  @Override
  public int type() {
    return TYPE;
  }

  @Override
  public long timestamp() {
    return blocks.get(0).timestamp();
  }

  /** The timestamp of the last block. */
  public long lastTimestamp() {
    return blocks.get(blocks.size() - 1).timestamp();
  }

  /** The epoch of the first block. */
  public long startEpochNum() {
    return blocks.get(0).epochNum();
  }

  /** The epoch of the last block. */
  public long lastEpochNum() {
    return blocks.get(blocks.size() - 1).epochNum();
  }
}
