package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Builds a span batch block by block from singular batches, as a batcher does (op-node {@code
 * SpanBatch.AppendSingularBatch}): the parent check from the first block, the L1 origin check from
 * the last, an origin bit per block (the first set when its sequence number is 0, later ones when
 * the epoch advances), and the transactions appended in their wire form.
 */
public final class SpanBatchBuilder {
  private final long genesisTimestamp;
  private final long chainId;
  private int blockCount;
  private long firstTimestamp;
  private long lastTimestamp;
  private long lastEpochNum;
  private Bytes parentCheck = Bytes.wrap(new byte[SpanBatch.CHECK_LENGTH]);
  private Bytes l1OriginCheck = Bytes.wrap(new byte[SpanBatch.CHECK_LENGTH]);
  private BitSet originBits = new BitSet();
  private int[] blockTxCounts = new int[16];
  private SpanBatchTransactions txs = SpanBatchTransactions.empty();

  public SpanBatchBuilder(long genesisTimestamp, long chainId) {
    this.genesisTimestamp = genesisTimestamp;
    this.chainId = chainId;
  }

  /**
   * Appends one block's batch; {@code sequenceNumber} is the block's position in its epoch.
   *
   * @throws IllegalArgumentException if the batch is older than the last one, or one of its
   *     transactions cannot be carried (see {@link SpanBatchTransactions}); nothing is appended
   */
  public void append(SingularBatch batch, long sequenceNumber) {
    if (blockCount > 0 && Long.compareUnsigned(batch.timestamp(), lastTimestamp) < 0) {
      throw new IllegalArgumentException(
          "span batch blocks must be in order: "
              + Long.toUnsignedString(batch.timestamp())
              + " after "
              + Long.toUnsignedString(lastTimestamp));
    }
    txs.add(batch.transactions(), chainId);
    boolean originBit =
        blockCount == 0
            ? sequenceNumber == 0
            : Long.compareUnsigned(lastEpochNum, batch.epochNum()) < 0;
    if (blockCount == 0) {
      parentCheck = check(batch.parentHash().array());
      firstTimestamp = batch.timestamp();
    }
    l1OriginCheck = check(batch.epochHash().array());
    originBits.set(blockCount, originBit);
    if (blockCount == blockTxCounts.length) {
      blockTxCounts = Arrays.copyOf(blockTxCounts, blockCount * 2);
    }
    blockTxCounts[blockCount] = batch.transactions().size();
    blockCount++;
    lastTimestamp = batch.timestamp();
    lastEpochNum = batch.epochNum();
  }

  private static Bytes check(byte[] hash) {
    return Bytes.wrap(Arrays.copyOf(hash, SpanBatch.CHECK_LENGTH));
  }

  public int blockCount() {
    return blockCount;
  }

  /** Starts over with no blocks. */
  public void reset() {
    blockCount = 0;
    originBits = new BitSet();
    txs = SpanBatchTransactions.empty();
    parentCheck = Bytes.wrap(new byte[SpanBatch.CHECK_LENGTH]);
    l1OriginCheck = Bytes.wrap(new byte[SpanBatch.CHECK_LENGTH]);
  }

  /**
   * The span batch so far as a channel carries it, {@code 0x01 ++ prefix ++ payload}.
   *
   * @throws IllegalStateException if no block was appended
   */
  public Bytes encodeBatchData() {
    requireBlocks();
    ByteSink out = new ByteSink(64 + 100 * txs.count());
    out.write(SpanBatch.TYPE);
    RawSpanBatch.write(
        out,
        firstTimestamp - genesisTimestamp,
        lastEpochNum,
        parentCheck,
        l1OriginCheck,
        blockCount,
        originBits,
        blockTxCounts,
        txs);
    return Bytes.wrap(out.toByteArray());
  }

  /**
   * A copy of the span batch so far in its wire form.
   *
   * @throws IllegalStateException if no block was appended
   */
  public RawSpanBatch toRawSpanBatch() {
    requireBlocks();
    return new RawSpanBatch(
        firstTimestamp - genesisTimestamp,
        lastEpochNum,
        parentCheck,
        l1OriginCheck,
        blockCount,
        (BitSet) originBits.clone(),
        Arrays.copyOf(blockTxCounts, blockCount),
        txs.copy());
  }

  private void requireBlocks() {
    if (blockCount == 0) {
      throw new IllegalStateException("a span batch needs at least one block");
    }
  }
}
