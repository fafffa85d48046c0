package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import io.merapi.types.config.RollupConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A span batch in its wire form (specs delta/span-batches.md "Span batch format", batch type 1):
 * {@code prefix ++ payload} with {@code prefix = rel_timestamp ++ l1_origin_num ++ parent_check ++
 * l1_origin_check} and {@code payload = block_count ++ origin_bits ++ block_tx_counts ++ txs}.
 * Decoding reads exactly what op-node's {@code RawSpanBatch.decode} reads, with its limits; bytes
 * after the batch are ignored ("Batch Format": extra content may be ignored). {@link #toSpanBatch}
 * derives the blocks, which needs the rollup's genesis time, block time and L2 chain id.
 *
 * <p>Immutable once built.
 */
public final class RawSpanBatch {
  /**
   * The most blocks, transactions in total, or transactions in one block a span batch may carry,
   * and the most bytes of one {@code tx_datas} element (specs derivation.md "Protocol Parameters"
   * {@code MAX_SPAN_BATCH_ELEMENT_COUNT}). Before Fjord the same limits were {@code
   * MAX_SPAN_BATCH_SIZE}, equal to that fork's {@code MAX_RLP_BYTES_PER_CHANNEL} of 10,000,000
   * (fjord/derivation.md), so one value serves every fork.
   */
  public static final int MAX_SPAN_BATCH_ELEMENT_COUNT = 10_000_000;

  private final long relTimestamp;
  private final long l1OriginNum;
  private final Bytes parentCheck;
  private final Bytes l1OriginCheck;
  private final int blockCount;
  private final BitSet originBits;
  private final int[] blockTxCounts;
  private final SpanBatchTransactions txs;

  RawSpanBatch(
      long relTimestamp,
      long l1OriginNum,
      Bytes parentCheck,
      Bytes l1OriginCheck,
      int blockCount,
      BitSet originBits,
      int[] blockTxCounts,
      SpanBatchTransactions txs) {
    if (parentCheck.length() != SpanBatch.CHECK_LENGTH
        || l1OriginCheck.length() != SpanBatch.CHECK_LENGTH) {
      throw new IllegalArgumentException("span batch checks have 20 bytes");
    }
    this.relTimestamp = relTimestamp;
    this.l1OriginNum = l1OriginNum;
    this.parentCheck = parentCheck;
    this.l1OriginCheck = l1OriginCheck;
    this.blockCount = blockCount;
    this.originBits = originBits;
    this.blockTxCounts = blockTxCounts;
    this.txs = txs;
  }

  /**
   * Decodes the batch's content ({@code data[offset, offset + length)}, after the type byte).
   *
   * @throws BatchFormatException if it is not a span batch
   */
  public static RawSpanBatch decode(byte[] data, int offset, int length) {
    BatchInput in = new BatchInput(data, offset, offset + length);
    long relTimestamp = in.readUvarint("rel_timestamp");
    long l1OriginNum = in.readUvarint("l1_origin_num");
    Bytes parentCheck = Bytes.wrap(in.readBytes(SpanBatch.CHECK_LENGTH, "parent_check"));
    Bytes l1OriginCheck = Bytes.wrap(in.readBytes(SpanBatch.CHECK_LENGTH, "l1_origin_check"));
    int blockOffset = in.offset();
    long blockCount = in.readUvarint("block_count");
    if (Long.compareUnsigned(blockCount, MAX_SPAN_BATCH_ELEMENT_COUNT) > 0) {
      throw new BatchFormatException(
          "block_count " + Long.toUnsignedString(blockCount) + " is over the span batch limit",
          blockOffset);
    }
    if (blockCount == 0) {
      throw new BatchFormatException(
          "block_count is 0: a span batch must not be empty", blockOffset);
    }
    int blocks = (int) blockCount;
    BitSet originBits = SpanBatchBits.read(in, blocks, "origin_bits");
    // Each count takes at least one byte.
    in.require(blocks, "block_tx_counts");
    int[] blockTxCounts = new int[blocks];
    long total = 0;
    for (int i = 0; i < blocks; i++) {
      int at = in.offset();
      long txCount = in.readUvarint("block_tx_counts", i);
      if (Long.compareUnsigned(txCount, MAX_SPAN_BATCH_ELEMENT_COUNT) > 0) {
        throw new BatchFormatException(
            "block_tx_counts[" + i + "] " + Long.toUnsignedString(txCount) + " is over the limit",
            at);
      }
      blockTxCounts[i] = (int) txCount;
      total += txCount;
    }
    if (total > MAX_SPAN_BATCH_ELEMENT_COUNT) {
      throw new BatchFormatException(
          total + " transactions in total, more than the span batch limit", in.offset());
    }
    SpanBatchTransactions txs = SpanBatchTransactions.read(in, (int) total);
    return new RawSpanBatch(
        relTimestamp,
        l1OriginNum,
        parentCheck,
        l1OriginCheck,
        blocks,
        originBits,
        blockTxCounts,
        txs);
  }

  /** The batch's content (without the type byte). */
  public Bytes encode() {
    ByteSink out = new ByteSink(64 + 100 * txs.count());
    writeTo(out);
    return Bytes.wrap(out.toByteArray());
  }

  void writeTo(ByteSink out) {
    write(
        out,
        relTimestamp,
        l1OriginNum,
        parentCheck,
        l1OriginCheck,
        blockCount,
        originBits,
        blockTxCounts,
        txs);
  }

  static void write(
      ByteSink out,
      long relTimestamp,
      long l1OriginNum,
      Bytes parentCheck,
      Bytes l1OriginCheck,
      int blockCount,
      BitSet originBits,
      int[] blockTxCounts,
      SpanBatchTransactions txs) {
    out.writeUvarint(relTimestamp);
    out.writeUvarint(l1OriginNum);
    out.write(parentCheck.array());
    out.write(l1OriginCheck.array());
    out.writeUvarint(blockCount);
    SpanBatchBits.write(out, originBits, blockCount);
    for (int i = 0; i < blockCount; i++) {
      out.writeUvarint(blockTxCounts[i]);
    }
    txs.writeTo(out);
  }

  /** {@code span_start.timestamp - genesis.l2_time}. */
  public long relTimestamp() {
    return relTimestamp;
  }

  /** The L1 origin number of the last block. */
  public long l1OriginNum() {
    return l1OriginNum;
  }

  /** The first 20 bytes of the first block's parent hash. */
  public Bytes parentCheck() {
    return parentCheck;
  }

  /** The first 20 bytes of the last block's L1 origin hash. */
  public Bytes l1OriginCheck() {
    return l1OriginCheck;
  }

  public int blockCount() {
    return blockCount;
  }

  /** Whether block {@code index} changed the L1 origin (its {@code origin_bits} bit). */
  public boolean originBit(int index) {
    return originBits.get(index);
  }

  public int blockTxCount(int index) {
    return blockTxCounts[index];
  }

  /** The transactions in their wire form. */
  public SpanBatchTransactions transactions() {
    return txs;
  }

  /**
   * The L1 origin number of each block: the last block's is {@code l1_origin_num}, and each earlier
   * one is one less where the following block's origin bit is set (op-node {@code derive}; the
   * first block's bit changes nothing here). uint64 arithmetic, as op-node's.
   */
  public long[] blockL1OriginNums() {
    long[] nums = new long[blockCount];
    long number = l1OriginNum;
    for (int i = blockCount - 1; i >= 0; i--) {
      nums[i] = number;
      if (i > 0 && originBits.get(i)) {
        number--;
      }
    }
    return nums;
  }

  /**
   * The transactions of each block, restored for {@code chainId}.
   *
   * @throws BatchFormatException see {@link SpanBatchTransactions#fullTransactions}
   */
  public List<List<Bytes>> blockTransactions(long chainId) {
    List<Bytes> all = txs.fullTransactions(chainId);
    List<List<Bytes>> out = new ArrayList<>(blockCount);
    int at = 0;
    for (int i = 0; i < blockCount; i++) {
      out.add(all.subList(at, at + blockTxCounts[i]));
      at += blockTxCounts[i];
    }
    return out;
  }

  /**
   * The span batch's blocks (op-node {@code RawSpanBatch.ToSpanBatch}): block {@code i} at {@code
   * genesisTimestamp + rel_timestamp + blockTime * i}, its L1 origin number from the origin bits,
   * its transactions restored with {@code chainId}.
   *
   * @throws BatchFormatException if a transaction cannot be restored
   */
  public SpanBatch toSpanBatch(long blockTime, long genesisTimestamp, long chainId) {
    long[] origins = blockL1OriginNums();
    List<List<Bytes>> transactions = blockTransactions(chainId);
    List<SpanBatchElement> blocks = new ArrayList<>(blockCount);
    for (int i = 0; i < blockCount; i++) {
      long timestamp = genesisTimestamp + relTimestamp + blockTime * i;
      blocks.add(new SpanBatchElement(timestamp, origins[i], transactions.get(i)));
    }
    return new SpanBatch(parentCheck, l1OriginCheck, blocks);
  }

  /** {@link #toSpanBatch(long, long, long)} with the rollup's parameters. */
  public SpanBatch toSpanBatch(RollupConfig config) {
    return toSpanBatch(config.blockTime(), config.genesis().l2Time(), config.l2ChainId());
  }

  /**
   * The wire form of {@code batch} (op-node {@code SpanBatch.ToRawSpanBatch}). The derived form
   * does not say whether the first block started a new epoch, so {@code firstBlockChangesOrigin}
   * gives that bit (op-node sets it when the first block's sequence number is 0).
   *
   * @throws IllegalArgumentException if a block's epoch is not its predecessor's or the next one
   *     (the origin bits could not express it), or a transaction cannot be carried (see {@link
   *     SpanBatchTransactions})
   */
  public static RawSpanBatch fromSpanBatch(
      SpanBatch batch, boolean firstBlockChangesOrigin, long genesisTimestamp, long chainId) {
    List<SpanBatchElement> blocks = batch.blocks();
    BitSet originBits = new BitSet(blocks.size());
    int[] counts = new int[blocks.size()];
    SpanBatchTransactions txs = SpanBatchTransactions.empty();
    for (int i = 0; i < blocks.size(); i++) {
      SpanBatchElement block = blocks.get(i);
      if (i == 0) {
        originBits.set(0, firstBlockChangesOrigin);
      } else {
        long previous = blocks.get(i - 1).epochNum();
        if (block.epochNum() == previous + 1) {
          originBits.set(i);
        } else if (block.epochNum() != previous) {
          throw new IllegalArgumentException(
              "block "
                  + i
                  + " has epoch "
                  + Long.toUnsignedString(block.epochNum())
                  + " after epoch "
                  + Long.toUnsignedString(previous)
                  + ": a span batch advances the epoch by at most one per block");
        }
      }
      counts[i] = block.transactions().size();
      txs.add(block.transactions(), chainId);
    }
    return new RawSpanBatch(
        batch.timestamp() - genesisTimestamp,
        batch.lastEpochNum(),
        batch.parentCheck(),
        batch.l1OriginCheck(),
        blocks.size(),
        originBits,
        counts,
        txs);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawSpanBatch that && encode().equals(that.encode());
  }

  @Override
  public int hashCode() {
    return encode().hashCode();
  }

  @Override
  public String toString() {
    return "RawSpanBatch[relTimestamp="
        + Long.toUnsignedString(relTimestamp)
        + ", l1OriginNum="
        + Long.toUnsignedString(l1OriginNum)
        + ", parentCheck="
        + parentCheck
        + ", l1OriginCheck="
        + l1OriginCheck
        + ", blocks="
        + blockCount
        + ", txCounts="
        + Arrays.toString(blockTxCounts)
        + "]";
  }
}
