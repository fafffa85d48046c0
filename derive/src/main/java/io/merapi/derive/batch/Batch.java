package io.merapi.derive.batch;

/**
 * A batch as derivation reads it from a channel (specs derivation.md "Batch Format"): a singular
 * batch (one L2 block) or, from Delta, a span batch (a run of consecutive L2 blocks).
 */
public sealed interface Batch permits SingularBatch, SpanBatch {
  /** The batch type byte: 0 singular, 1 span. */
  int type();

  /** The timestamp of the batch's first L2 block. */
  long timestamp();
}
