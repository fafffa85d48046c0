package io.merapi.derive.stage;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The L1 blocks that batches are checked against, shared by the batch queue and the batch stage
 * (op-node's {@code baseBatchStage}): the stage's own view of the pipeline's L1 origin and the
 * consecutive L1 blocks from the safe head's epoch up to it ({@code l1Blocks}; the first is the
 * current {@code epoch}, the second the {@code next_epoch}). It also makes the empty batches that
 * fill the chain once a sequencing window expires (specs derivation.md "Batch Queue").
 */
final class EpochWindow {
  private final ProtocolParameters params;
  private L1BlockRef origin;
  private final List<L1BlockRef> l1Blocks = new ArrayList<>();

  EpochWindow(ProtocolParameters params, L1BlockRef origin) {
    this.params = Objects.requireNonNull(params, "params");
    this.origin = Objects.requireNonNull(origin, "origin");
    l1Blocks.add(origin);
  }

  /** A copy, for the Holocene batch stage that continues from the batch queue's window. */
  EpochWindow copy() {
    EpochWindow copy = new EpochWindow(params, origin);
    copy.l1Blocks.clear();
    copy.l1Blocks.addAll(l1Blocks);
    return copy;
  }

  L1BlockRef origin() {
    return origin;
  }

  List<L1BlockRef> l1Blocks() {
    return List.copyOf(l1Blocks);
  }

  /** The live list, for checks that run on every call; callers do not modify it. */
  List<L1BlockRef> view() {
    return l1Blocks;
  }

  /** Sets the window directly, for tests that start mid-chain. */
  void restore(L1BlockRef stageOrigin, List<L1BlockRef> blocks) {
    origin = stageOrigin;
    l1Blocks.clear();
    l1Blocks.addAll(blocks);
  }

  void reset(L1BlockRef base) {
    origin = base;
    l1Blocks.clear();
    // Only for the very start: after a normal reset this block is dropped again below.
    l1Blocks.add(base);
  }

  /** Whether the pipeline's origin is behind the L1 origin of {@code parent}. */
  boolean originBehind(L2BlockRef parent, L1BlockRef pipelineOrigin) {
    return Long.compareUnsigned(pipelineOrigin.number(), parent.l1Origin().number()) < 0;
  }

  /**
   * Follows the pipeline's origin (appending it to {@code l1Blocks}, or clearing them while the
   * origin is behind the safe head's) and drops the L1 blocks older than the safe head's epoch.
   */
  void updateOrigins(L2BlockRef parent, L1BlockRef pipelineOrigin) {
    boolean behind = originBehind(parent, pipelineOrigin);
    if (!origin.equals(pipelineOrigin)) {
      origin = pipelineOrigin;
      if (!behind) {
        l1Blocks.add(origin);
      } else {
        // Only at start-up, right after a reset, is the origin not behind at first.
        l1Blocks.clear();
      }
    }
    if (!l1Blocks.isEmpty()
        && Long.compareUnsigned(parent.l1Origin().number(), l1Blocks.get(0).number()) > 0) {
      for (int i = 0; i < l1Blocks.size(); i++) {
        if (l1Blocks.get(i).number() == parent.l1Origin().number()) {
          l1Blocks.subList(0, i).clear();
          break;
        }
      }
    }
  }

  /**
   * An empty batch for the block after {@code parent} if the current epoch's sequencing window has
   * expired ("If no batch can be accept-ed, and the stage has completed buffering of all batches
   * that can fully be read from the L1 block at height epoch.number + sequence_window_size, and the
   * next_epoch is available"). When every empty batch of the epoch is made, the window moves to the
   * next epoch and nothing is returned this time.
   */
  Optional<SingularBatch> nextEmptyBatch(boolean outOfData, L2BlockRef parent) {
    L1BlockRef epoch = l1Blocks.get(0);
    long expiryEpoch = epoch.number() + params.config().seqWindowSize();
    boolean forceEmptyBatches =
        (expiryEpoch == origin.number() && outOfData)
            || Long.compareUnsigned(expiryEpoch, origin.number()) < 0;
    if (!forceEmptyBatches || l1Blocks.size() < 2) {
      return Optional.empty();
    }
    boolean firstOfEpoch = epoch.number() == parent.l1Origin().number() + 1;
    long nextTimestamp = parent.time() + params.config().blockTime();
    L1BlockRef nextEpoch = l1Blocks.get(1);
    // Repeat the epoch while the next one is still in the future (L2 time >= L1 time), and give
    // every epoch at least one block.
    if (Long.compareUnsigned(nextTimestamp, nextEpoch.time()) < 0 || firstOfEpoch) {
      return Optional.of(
          new SingularBatch(parent.hash(), epoch.number(), epoch.hash(), nextTimestamp, List.of()));
    }
    l1Blocks.remove(0);
    return Optional.empty();
  }

  /** The batch handed out for the block after {@code parent}: its parent hash is now known. */
  static SingularBatch withParent(SingularBatch batch, L2BlockRef parent) {
    Hash parentHash = parent.hash();
    return batch.parentHash().equals(parentHash)
        ? batch
        : new SingularBatch(
            parentHash,
            batch.epochNum(),
            batch.epochHash(),
            batch.timestamp(),
            batch.transactions());
  }
}
