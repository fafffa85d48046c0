package io.merapi.derive.stage;

import io.merapi.derive.L2BlockRef;

/**
 * The stage before the attributes queue: the batch queue before Holocene, the batch stage from
 * Holocene. Returns the batch for the block after {@code parent} (the pending safe head).
 */
@FunctionalInterface
public interface SingularBatchProvider {
  StageResult<NextBatch> nextBatch(L2BlockRef parent);
}
