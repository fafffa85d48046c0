/**
 * Batches (specs derivation.md "Batch Format", delta/span-batches.md): {@link
 * io.merapi.derive.batch.BatchData} is a batch as a channel carries it, a singular batch or a
 * {@link io.merapi.derive.batch.RawSpanBatch} (the span batch's wire form), which {@link
 * io.merapi.derive.batch.RawSpanBatch#toSpanBatch} turns into the {@link
 * io.merapi.derive.batch.SpanBatch} the batch queue checks. Decoders throw only {@link
 * io.merapi.derive.batch.BatchFormatException}. {@link io.merapi.derive.batch.SpanBatchBuilder} and
 * {@link io.merapi.derive.batch.BlockToBatch} are the batcher's side.
 */
package io.merapi.derive.batch;
