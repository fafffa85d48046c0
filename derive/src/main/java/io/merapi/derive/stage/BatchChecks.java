package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.batch.SpanBatchElement;
import io.merapi.derive.source.L2Source;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The batch validity rules (specs derivation.md "Batch Queue"; delta/span-batches.md "Batch Queue";
 * holocene/derivation.md "Span Batches", "Batch Queue"), in the spec's order, as op-node's {@code
 * CheckBatch}.
 *
 * <p>Inputs: {@code l1Blocks} are the consecutive L1 blocks from the safe head's epoch on (the
 * first is {@code epoch}, the second {@code next_epoch} if known), {@code safeHead} is the L2 safe
 * head, and {@code inclusionBlock} is the L1 block the batch was fully read in. Fork rules for
 * ordering (Holocene) follow the inclusion block's time, the sequencer drift (Fjord) the L1
 * origin's, and transaction types (Isthmus) the batch's own timestamp.
 *
 * <p>Numbers from batches are uint64 and are compared unsigned, with wrapping sums exactly as the
 * Go reference computes them.
 */
public final class BatchChecks {
  private static final int DEPOSIT_TYPE = 0x7e;
  private static final int SET_CODE_TYPE = 0x04;

  private BatchChecks() {}

  /** The verdict on {@code batch} of either kind, before Holocene's split of the span checks. */
  public static BatchValidity check(
      ProtocolParameters params,
      List<L1BlockRef> l1Blocks,
      L2BlockRef safeHead,
      Batch batch,
      L1BlockRef inclusionBlock,
      L2Source l2) {
    return switch (batch) {
      case SingularBatch singular ->
          checkSingularBatch(params, l1Blocks, safeHead, singular, inclusionBlock);
      case SpanBatch span -> checkSpanBatch(params, l1Blocks, safeHead, span, inclusionBlock, l2);
    };
  }

  /** The singular batch rules (specs derivation.md "Batch Queue", "Rules, in validation order"). */
  public static BatchValidity checkSingularBatch(
      ProtocolParameters params,
      List<L1BlockRef> l1Blocks,
      L2BlockRef safeHead,
      SingularBatch batch,
      L1BlockRef inclusionBlock) {
    if (l1Blocks.isEmpty()) {
      return BatchValidity.undecided(BatchValidity.UndecidedReason.MISSING_L1_BLOCKS);
    }
    RollupConfig config = params.config();
    L1BlockRef epoch = l1Blocks.get(0);
    boolean holocene = params.isActive(OpFork.HOLOCENE, inclusionBlock.time());
    long nextTimestamp = safeHead.time() + config.blockTime();
    if (gt(batch.timestamp(), nextTimestamp)) {
      return holocene
          ? BatchValidity.drop(BatchValidity.DropReason.FUTURE_TIMESTAMP)
          : new BatchValidity.Future();
    }
    if (lt(batch.timestamp(), nextTimestamp)) {
      return holocene
          ? new BatchValidity.Past()
          : BatchValidity.drop(BatchValidity.DropReason.PAST_TIMESTAMP);
    }
    // With the right timestamp, the batch must build on the safe head.
    if (!batch.parentHash().equals(safeHead.hash())) {
      return BatchValidity.drop(BatchValidity.DropReason.PARENT_HASH_MISMATCH);
    }
    if (lt(batch.epochNum() + config.seqWindowSize(), inclusionBlock.number())) {
      return BatchValidity.drop(BatchValidity.DropReason.INCLUDED_TOO_LATE);
    }
    L1BlockRef batchOrigin = epoch;
    if (lt(batch.epochNum(), epoch.number())) {
      return BatchValidity.drop(BatchValidity.DropReason.EPOCH_TOO_OLD);
    } else if (batch.epochNum() == epoch.number() + 1) {
      // Moving to the next epoch needs its L1 block: without it, an eager check could differ from
      // one that waited.
      if (l1Blocks.size() < 2) {
        return BatchValidity.undecided(BatchValidity.UndecidedReason.NEXT_EPOCH_UNKNOWN);
      }
      batchOrigin = l1Blocks.get(1);
    } else if (batch.epochNum() != epoch.number()) {
      return BatchValidity.drop(BatchValidity.DropReason.EPOCH_TOO_FAR_AHEAD);
    }
    if (!batch.epochHash().equals(batchOrigin.hash())) {
      return BatchValidity.drop(BatchValidity.DropReason.EPOCH_HASH_MISMATCH);
    }
    if (lt(batch.timestamp(), batchOrigin.time())) {
      return BatchValidity.drop(BatchValidity.DropReason.TIMESTAMP_BEFORE_L1_ORIGIN);
    }
    long maxTimestamp = batchOrigin.time() + params.maxSequencerDrift(batchOrigin.time());
    if (gt(batch.timestamp(), maxTimestamp)) {
      if (!batch.transactions().isEmpty()) {
        // Past the drift the sequencer may not include anything without a new L1 origin.
        return BatchValidity.drop(BatchValidity.DropReason.SEQUENCER_DRIFT_EXCEEDED);
      }
      // An empty batch is allowed if keeping the epoch was needed for L2 time >= L1 time; a batch
      // that advances the epoch is always allowed.
      if (epoch.number() == batchOrigin.number()) {
        if (l1Blocks.size() < 2) {
          return BatchValidity.undecided(BatchValidity.UndecidedReason.NEXT_ORIGIN_UNKNOWN);
        }
        if (ge(batch.timestamp(), l1Blocks.get(1).time())) {
          return BatchValidity.drop(BatchValidity.DropReason.SEQUENCER_DRIFT_NEXT_ORIGIN_ADOPTABLE);
        }
      }
    }
    Optional<BatchValidity.DropReason> txs =
        checkTransactions(params, batch.transactions(), batch.timestamp());
    if (txs.isPresent()) {
      return BatchValidity.drop(txs.get());
    }
    return BatchValidity.accept();
  }

  /** A span batch prefix verdict and, when the checks got that far, its parent L2 block. */
  public record PrefixCheck(BatchValidity validity, Optional<L2BlockRef> parent) {}

  /**
   * The span batch checks that need no block of the span itself (delta/span-batches.md "Span-batch
   * rules" up to the sequencing window; Holocene runs only these before splitting the span).
   */
  public static PrefixCheck checkSpanBatchPrefix(
      ProtocolParameters params,
      List<L1BlockRef> l1Blocks,
      L2BlockRef safeHead,
      SpanBatch batch,
      L1BlockRef inclusionBlock,
      L2Source l2) {
    if (l1Blocks.isEmpty()) {
      return prefix(BatchValidity.undecided(BatchValidity.UndecidedReason.MISSING_L1_BLOCKS));
    }
    RollupConfig config = params.config();
    L1BlockRef epoch = l1Blocks.get(0);
    long startEpochNum = batch.startEpochNum();
    L1BlockRef batchOrigin = epoch;
    if (startEpochNum == epoch.number() + 1) {
      if (l1Blocks.size() < 2) {
        return prefix(BatchValidity.undecided(BatchValidity.UndecidedReason.NEXT_EPOCH_UNKNOWN));
      }
      batchOrigin = l1Blocks.get(1);
    }
    // delta/span-batches.md "Span Batch Activation Rule", by the first block's L1 origin.
    if (!params.isActive(OpFork.DELTA, batchOrigin.time())) {
      return prefix(BatchValidity.drop(BatchValidity.DropReason.SPAN_BATCH_BEFORE_DELTA));
    }
    boolean holocene = params.isActive(OpFork.HOLOCENE, inclusionBlock.time());
    long nextTimestamp = safeHead.time() + config.blockTime();
    if (gt(batch.timestamp(), nextTimestamp)) {
      return prefix(
          holocene
              ? BatchValidity.drop(BatchValidity.DropReason.FUTURE_TIMESTAMP)
              : new BatchValidity.Future());
    }
    if (lt(batch.lastTimestamp(), nextTimestamp)) {
      return prefix(
          holocene
              ? new BatchValidity.Past()
              : BatchValidity.drop(BatchValidity.DropReason.NO_NEW_BLOCKS));
    }
    // The parent is the safe head, or for a span overlapping the safe chain the safe block just
    // before the span.
    L2BlockRef parent = safeHead;
    if (lt(batch.timestamp(), nextTimestamp)) {
      if (gt(batch.timestamp(), safeHead.time())) {
        return prefix(BatchValidity.drop(BatchValidity.DropReason.MISALIGNED_SHORT_BLOCK_TIME));
      }
      long behind = safeHead.time() - batch.timestamp();
      if (Long.remainderUnsigned(behind, config.blockTime()) != 0) {
        return prefix(BatchValidity.drop(BatchValidity.DropReason.MISALIGNED_NOT_OVERLAPPED));
      }
      long parentNumber = safeHead.number() - Long.divideUnsigned(behind, config.blockTime()) - 1;
      Optional<L2BlockRef> fetched = safeBlock(l2, parentNumber);
      if (fetched.isEmpty()) {
        return prefix(BatchValidity.undecided(BatchValidity.UndecidedReason.L2_BLOCK_UNAVAILABLE));
      }
      parent = fetched.get();
    }
    if (!matchesCheck(batch.parentCheck(), parent.hash())) {
      return new PrefixCheck(
          BatchValidity.drop(BatchValidity.DropReason.PARENT_HASH_MISMATCH), Optional.of(parent));
    }
    if (lt(startEpochNum + config.seqWindowSize(), inclusionBlock.number())) {
      return new PrefixCheck(
          BatchValidity.drop(BatchValidity.DropReason.INCLUDED_TOO_LATE), Optional.of(parent));
    }
    if (gt(startEpochNum, parent.l1Origin().number() + 1)) {
      return new PrefixCheck(
          BatchValidity.drop(BatchValidity.DropReason.EPOCH_TOO_FAR_AHEAD), Optional.of(parent));
    }
    long endEpochNum = batch.lastEpochNum();
    boolean originChecked = false;
    for (L1BlockRef l1Block : l1Blocks) {
      if (l1Block.number() == endEpochNum) {
        if (!matchesCheck(batch.l1OriginCheck(), l1Block.hash())) {
          return new PrefixCheck(
              BatchValidity.drop(BatchValidity.DropReason.EPOCH_HASH_MISMATCH),
              Optional.of(parent));
        }
        originChecked = true;
        break;
      }
    }
    if (!originChecked) {
      return new PrefixCheck(
          BatchValidity.undecided(BatchValidity.UndecidedReason.L1_ORIGINS_UNKNOWN),
          Optional.of(parent));
    }
    if (lt(startEpochNum, parent.l1Origin().number())) {
      return new PrefixCheck(
          BatchValidity.drop(BatchValidity.DropReason.EPOCH_TOO_OLD), Optional.of(parent));
    }
    return new PrefixCheck(BatchValidity.accept(), Optional.of(parent));
  }

  /**
   * All span batch rules (delta/span-batches.md "Batch Queue"), as the batch queue applies them.
   */
  public static BatchValidity checkSpanBatch(
      ProtocolParameters params,
      List<L1BlockRef> l1Blocks,
      L2BlockRef safeHead,
      SpanBatch batch,
      L1BlockRef inclusionBlock,
      L2Source l2) {
    PrefixCheck prefix =
        checkSpanBatchPrefix(params, l1Blocks, safeHead, batch, inclusionBlock, l2);
    if (!(prefix.validity() instanceof BatchValidity.Accept)) {
      return prefix.validity();
    }
    L2BlockRef parent = prefix.parent().orElseThrow();
    List<SpanBatchElement> blocks = batch.blocks();
    int originIndex = 0;
    boolean originAdvanced = batch.startEpochNum() == parent.l1Origin().number() + 1;
    for (int i = 0; i < blocks.size(); i++) {
      SpanBatchElement block = blocks.get(i);
      if (le(block.timestamp(), safeHead.time())) {
        continue;
      }
      // "block_input.l1_origin.number < safe_head.l1_origin.number -> drop"
      if (lt(block.epochNum(), safeHead.l1Origin().number())) {
        return BatchValidity.drop(BatchValidity.DropReason.L1_ORIGIN_BEFORE_SAFE_HEAD);
      }
      L1BlockRef l1Origin = null;
      for (int j = originIndex; j < l1Blocks.size(); j++) {
        if (l1Blocks.get(j).number() == block.epochNum()) {
          l1Origin = l1Blocks.get(j);
          originIndex = j;
          break;
        }
      }
      if (l1Origin == null) {
        return BatchValidity.drop(BatchValidity.DropReason.MISSING_L1_ORIGIN);
      }
      if (i > 0) {
        originAdvanced = gt(block.epochNum(), blocks.get(i - 1).epochNum());
      }
      if (lt(block.timestamp(), l1Origin.time())) {
        return BatchValidity.drop(BatchValidity.DropReason.TIMESTAMP_BEFORE_L1_ORIGIN);
      }
      long maxTimestamp = l1Origin.time() + params.maxSequencerDrift(l1Origin.time());
      if (gt(block.timestamp(), maxTimestamp)) {
        if (!block.transactions().isEmpty()) {
          return BatchValidity.drop(BatchValidity.DropReason.SEQUENCER_DRIFT_EXCEEDED);
        }
        if (!originAdvanced) {
          if (originIndex + 1 >= l1Blocks.size()) {
            return BatchValidity.undecided(BatchValidity.UndecidedReason.NEXT_ORIGIN_UNKNOWN);
          }
          if (ge(block.timestamp(), l1Blocks.get(originIndex + 1).time())) {
            return BatchValidity.drop(
                BatchValidity.DropReason.SEQUENCER_DRIFT_NEXT_ORIGIN_ADOPTABLE);
          }
        }
      }
      Optional<BatchValidity.DropReason> txs =
          checkTransactions(params, block.transactions(), block.timestamp());
      if (txs.isPresent()) {
        return BatchValidity.drop(txs.get());
      }
    }
    long nextTimestamp = safeHead.time() + params.config().blockTime();
    if (lt(batch.timestamp(), nextTimestamp)) {
      // Every block of the span up to the safe head must equal the safe block it overlaps.
      long overlapped = safeHead.number() - parent.number();
      for (int i = 0; i < overlapped; i++) {
        long number = parent.number() + i + 1;
        Optional<L2BlockRef> safeRef = safeBlock(l2, number);
        Optional<List<Bytes>> safeTxs = safeTransactions(l2, number);
        if (safeRef.isEmpty() || safeTxs.isEmpty()) {
          return BatchValidity.undecided(BatchValidity.UndecidedReason.L2_BLOCK_UNAVAILABLE);
        }
        List<Bytes> sequenced = new ArrayList<>();
        for (Bytes tx : safeTxs.get()) {
          if (tx.isEmpty() || (tx.get(0) & 0xff) != DEPOSIT_TYPE) {
            sequenced.add(tx);
          }
        }
        // The deposits come first in a block; the batch carries only the rest.
        List<Bytes> batchTxs = blocks.get(i).transactions();
        if (sequenced.size() != batchTxs.size()) {
          return BatchValidity.drop(BatchValidity.DropReason.OVERLAPPED_TRANSACTION_COUNT_MISMATCH);
        }
        int deposits = safeTxs.get().size() - sequenced.size();
        for (int j = 0; j < batchTxs.size(); j++) {
          if (!safeTxs.get().get(j + deposits).equals(batchTxs.get(j))) {
            return BatchValidity.drop(BatchValidity.DropReason.OVERLAPPED_TRANSACTION_MISMATCH);
          }
        }
        if (safeRef.get().l1Origin().number() != blocks.get(i).epochNum()) {
          return BatchValidity.drop(BatchValidity.DropReason.OVERLAPPED_L1_ORIGIN_MISMATCH);
        }
      }
    }
    return BatchValidity.accept();
  }

  /**
   * The transaction list rules: "any transaction that is empty", "any deposited transactions", "any
   * transaction of a future type > 2" with SetCode (type 4) allowed from Isthmus by the block's
   * timestamp.
   *
   * <p>op-node and kona check only empty, deposit and pre-Isthmus SetCode transactions; the other
   * typed transactions above 2 (blob transactions, unknown types) reach the engine there, which
   * rejects the block. The spec's rule is applied here.
   */
  static Optional<BatchValidity.DropReason> checkTransactions(
      ProtocolParameters params, List<Bytes> transactions, long timestamp) {
    for (Bytes tx : transactions) {
      if (tx.isEmpty()) {
        return Optional.of(BatchValidity.DropReason.EMPTY_TRANSACTION);
      }
      int first = tx.get(0) & 0xff;
      if (first == DEPOSIT_TYPE) {
        return Optional.of(BatchValidity.DropReason.DEPOSIT_TRANSACTION);
      }
      if (first == SET_CODE_TYPE) {
        if (!params.isActive(OpFork.ISTHMUS, timestamp)) {
          return Optional.of(BatchValidity.DropReason.SET_CODE_BEFORE_ISTHMUS);
        }
      } else if (first > 2 && first < 0xc0) {
        // 0xc0 and up start an RLP list: a legacy transaction.
        return Optional.of(BatchValidity.DropReason.FUTURE_TRANSACTION_TYPE);
      }
    }
    return Optional.empty();
  }

  /**
   * The blocks of {@code batch} after {@code safeHead} as singular batches, each with the hash of
   * its L1 origin from {@code l1Blocks}; their parent hashes are set when they are handed out.
   *
   * @return empty if a block's L1 origin is before the safe head's or not among {@code l1Blocks}
   *     (holocene/derivation.md: such a span batch is invalid, not a derivation error)
   */
  public static Optional<List<SingularBatch>> toSingularBatches(
      SpanBatch batch, List<L1BlockRef> l1Blocks, L2BlockRef safeHead) {
    List<SingularBatch> out = new ArrayList<>();
    int originIndex = 0;
    for (SpanBatchElement block : batch.blocks()) {
      if (le(block.timestamp(), safeHead.time())) {
        continue;
      }
      if (lt(block.epochNum(), safeHead.l1Origin().number())) {
        return Optional.empty();
      }
      Hash epochHash = null;
      for (int i = originIndex; i < l1Blocks.size(); i++) {
        if (l1Blocks.get(i).number() == block.epochNum()) {
          originIndex = i;
          epochHash = l1Blocks.get(i).hash();
          break;
        }
      }
      if (epochHash == null) {
        return Optional.empty();
      }
      out.add(
          new SingularBatch(
              Hash.ZERO, block.epochNum(), epochHash, block.timestamp(), block.transactions()));
    }
    return Optional.of(out);
  }

  /** Whether a span batch's 20-byte check equals the first 20 bytes of {@code hash}. */
  static boolean matchesCheck(Bytes check, Hash hash) {
    return Arrays.equals(check.array(), 0, check.length(), hash.array(), 0, SpanBatch.CHECK_LENGTH);
  }

  private static PrefixCheck prefix(BatchValidity validity) {
    return new PrefixCheck(validity, Optional.empty());
  }

  private static Optional<L2BlockRef> safeBlock(L2Source l2, long number) {
    try {
      return l2.l2BlockRefByNumber(number);
    } catch (DerivationException.Temporary e) {
      // op-node: "unable to validate the batch for now. retry later."
      return Optional.empty();
    }
  }

  private static Optional<List<Bytes>> safeTransactions(L2Source l2, long number) {
    try {
      return l2.transactionsByNumber(number);
    } catch (DerivationException.Temporary e) {
      return Optional.empty();
    }
  }

  static boolean lt(long a, long b) {
    return Long.compareUnsigned(a, b) < 0;
  }

  static boolean le(long a, long b) {
    return Long.compareUnsigned(a, b) <= 0;
  }

  static boolean gt(long a, long b) {
    return Long.compareUnsigned(a, b) > 0;
  }

  static boolean ge(long a, long b) {
    return Long.compareUnsigned(a, b) >= 0;
  }
}
