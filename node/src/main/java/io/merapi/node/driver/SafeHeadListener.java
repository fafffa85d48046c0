package io.merapi.node.driver;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;

/**
 * Told when the safe head moves (the safe-head database, metrics): each time a batch is concluded,
 * with the L1 block it was derived from, and when a reset takes the safe head back.
 */
public interface SafeHeadListener {
  /** The safe head became {@code safeHead}, derived from data up to {@code derivedFrom}. */
  void safeHeadUpdated(L1BlockRef derivedFrom, L2BlockRef safeHead);

  /** A reset took the safe head back to {@code safeHead}: later records no longer hold. */
  void safeHeadReset(L2BlockRef safeHead);
}
