package io.merapi.derive.stage;

import io.merapi.derive.batch.Batch;

/** The stage before the batch queue and the span batch stage: the channel reader. */
@FunctionalInterface
public interface NextBatchProvider {
  StageResult<Batch> nextBatch();
}
