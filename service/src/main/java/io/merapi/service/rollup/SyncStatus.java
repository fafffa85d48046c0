package io.merapi.service.rollup;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import java.util.Objects;

/**
 * Where a rollup node stands (op-service {@code eth.SyncStatus}, the answer to {@code
 * optimism_syncStatus}): the L1 block derivation reads ({@code currentL1}), the L1's head, safe and
 * finalized blocks as last seen, and the L2 heads. Before the L1 has a safe or finalized block
 * those are the zero ref, as op-node reports them. The node serves it and the batcher and proposer
 * read it; the interop fields ({@code cross_unsafe_l2}, {@code local_safe_l2}) are not kept.
 */
public record SyncStatus(
    L1BlockRef currentL1,
    L1BlockRef currentL1Finalized,
    L1BlockRef headL1,
    L1BlockRef safeL1,
    L1BlockRef finalizedL1,
    L2BlockRef unsafeL2,
    L2BlockRef safeL2,
    L2BlockRef finalizedL2,
    L2BlockRef pendingSafeL2) {
  public SyncStatus {
    Objects.requireNonNull(currentL1, "currentL1");
    Objects.requireNonNull(currentL1Finalized, "currentL1Finalized");
    Objects.requireNonNull(headL1, "headL1");
    Objects.requireNonNull(safeL1, "safeL1");
    Objects.requireNonNull(finalizedL1, "finalizedL1");
    Objects.requireNonNull(unsafeL2, "unsafeL2");
    Objects.requireNonNull(safeL2, "safeL2");
    Objects.requireNonNull(finalizedL2, "finalizedL2");
    Objects.requireNonNull(pendingSafeL2, "pendingSafeL2");
  }
}
