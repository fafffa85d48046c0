package io.merapi.derive.attributes;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.Objects;
import java.util.Optional;

/**
 * The sequencer's choice of L1 origin for its next L2 block (op-node {@code
 * L1OriginSelector.FindL1Origin} and the origin check of {@code Sequencer.startBuildingBlock}): the
 * next L1 block as soon as the new L2 block's time reaches it, otherwise the current origin until
 * the max sequencer drift would be exceeded; past the drift the next L1 block is required.
 * Stateless: it asks the L1 source for the current origin and its successor each time (op-node
 * caches them; the source may).
 */
public final class L1OriginSelector {
  private final RollupConfig rollup;
  private final L1Source l1;

  public L1OriginSelector(RollupConfig rollup, L1Source l1) {
    this.rollup = Objects.requireNonNull(rollup, "rollup");
    this.l1 = Objects.requireNonNull(l1, "l1");
  }

  /**
   * The L1 origin of the block after {@code l2Head}: its origin or that origin's child.
   *
   * @throws DerivationException.Temporary if past the drift and the next L1 block is not known yet,
   *     or a source cannot answer
   * @throws DerivationException.Reset if the next L1 block is due but does not build on the current
   *     origin (an L1 reorg removed it)
   */
  public L1BlockRef findL1Origin(L2BlockRef l2Head) {
    L1BlockRef current = l1.blockRefByHash(l2Head.l1Origin().hash());
    Optional<L1BlockRef> next = l1.blockRefByNumber(current.number() + 1);
    long nextL2Time = l2Head.time() + rollup.blockTime();

    // Move to the next L1 block as soon as the L2 chain reaches its time. A next block that does
    // not build on the current origin means the origin was reorged out of L1: staying on it would
    // extend a dead L1 branch until the drift runs out, so reset as op-node's sequencer does.
    if (next.isPresent() && Long.compareUnsigned(nextL2Time, next.get().time()) >= 0) {
      if (!current.isParentOf(next.get())) {
        throw inconsistent(next.get(), l2Head, current);
      }
      return next.get();
    }
    if (!MaxSequencerDrift.exceeded(rollup, nextL2Time, current.time())) {
      return current;
    }
    L1BlockRef successor =
        next.orElseThrow(
            () ->
                new DerivationException.Temporary(
                    "cannot build the next L2 block past current L1 origin "
                        + current.number()
                        + " by more than the sequencer drift, and the next L1 origin is unknown"));
    if (Long.compareUnsigned(nextL2Time, successor.time()) < 0) {
      // Past the drift, but the next L1 block is ahead of the L2 block: it cannot be its origin.
      return current;
    }
    if (!current.isParentOf(successor)) {
      throw inconsistent(successor, l2Head, current);
    }
    return successor;
  }

  private static DerivationException.Reset inconsistent(
      L1BlockRef next, L2BlockRef l2Head, L1BlockRef current) {
    return new DerivationException.Reset(
        "cannot build a new L2 block with L1 origin "
            + next.number()
            + " (parent "
            + next.parentHash()
            + ") on L2 head "
            + l2Head.number()
            + " with L1 origin "
            + current.hash());
  }

  /**
   * Whether the sequencer must leave its transaction pool out of the block at {@code l2Time} on
   * {@code l1Origin}: past the max sequencer drift (derivation.md: such blocks may hold deposits
   * only), and in the Ecotone and Fjord activation blocks, whose upgrade transactions run alone.
   */
  public static boolean noTxPool(RollupConfig rollup, long l2Time, L1BlockRef l1Origin) {
    return MaxSequencerDrift.exceeded(rollup, l2Time, l1Origin.time())
        || rollup.isActivationBlock(OpFork.ECOTONE, l2Time)
        || rollup.isActivationBlock(OpFork.FJORD, l2Time);
  }
}
