package io.merapi.node.driver;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * L2 finality from L1 finality (specs derivation.md "Finalization"; op-node's {@code Finalizer}):
 * an L2 safe block is finalized once the L1 block it was derived from is finalized. Each safe head
 * is remembered with that L1 block; when the L1's finalized block moves, the highest safe block
 * derived from it or earlier becomes final.
 */
final class Finalizer implements SafeHeadListener {
  /** Enough entries for the L1 finality delay at one entry per L1 block, as op-node keeps. */
  static final int MAX_ENTRIES = 4 * 32 + 1;

  private record Entry(L1BlockRef derivedFrom, L2BlockRef safe) {}

  private final Deque<Entry> entries = new ArrayDeque<>();

  @Override
  public synchronized void safeHeadUpdated(L1BlockRef derivedFrom, L2BlockRef safeHead) {
    Entry last = entries.peekLast();
    if (last != null && last.derivedFrom().number() == derivedFrom.number()) {
      // A later safe head from the same L1 block replaces the earlier one.
      entries.pollLast();
    }
    entries.addLast(new Entry(derivedFrom, safeHead));
    while (entries.size() > MAX_ENTRIES) {
      entries.pollFirst();
    }
  }

  @Override
  public synchronized void safeHeadReset(L2BlockRef safeHead) {
    entries.removeIf(e -> Long.compareUnsigned(e.safe().number(), safeHead.number()) > 0);
  }

  /**
   * The L2 block that the L1's finalized block {@code finalizedL1} makes final, if any: the highest
   * recorded safe head derived from L1 data no later than it. Nothing is forgotten until {@link
   * #finalized} confirms that the engine took it.
   */
  synchronized Optional<L2BlockRef> finalizable(L1BlockRef finalizedL1) {
    L2BlockRef result = null;
    for (Entry e : entries) {
      if (Long.compareUnsigned(e.derivedFrom().number(), finalizedL1.number()) > 0) {
        break;
      }
      result = e.safe();
    }
    return Optional.ofNullable(result);
  }

  /** The engine finalized {@code block}: entries up to it are no longer needed. */
  synchronized void finalized(L2BlockRef block) {
    while (!entries.isEmpty()
        && Long.compareUnsigned(entries.peekFirst().safe().number(), block.number()) <= 0) {
      entries.pollFirst();
    }
  }
}
