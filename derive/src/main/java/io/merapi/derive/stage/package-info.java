/**
 * The stages of the derivation pipeline, one class each, named as the specs name them
 * (protocol/derivation.md "L2 Chain Derivation Pipeline", holocene/derivation.md): {@link
 * io.merapi.derive.stage.L1Traversal}, {@link io.merapi.derive.stage.L1Retrieval} with its calldata
 * and blob sources, {@link io.merapi.derive.stage.FrameQueue}, {@link
 * io.merapi.derive.stage.ChannelBank} (before Holocene) and {@link
 * io.merapi.derive.stage.ChannelAssembler} (from Holocene), {@link
 * io.merapi.derive.stage.ChannelInReader}, {@link io.merapi.derive.stage.BatchQueue} (before
 * Holocene) and {@link io.merapi.derive.stage.SpanBatchStage} with {@link
 * io.merapi.derive.stage.BatchStage} (from Holocene), and {@link
 * io.merapi.derive.stage.AttributesQueue}.
 *
 * <p>Each stage pulls from the one before it through a one-method interface that it defines ({@link
 * io.merapi.derive.stage.NextFrameProvider}, {@link io.merapi.derive.stage.RawChannelProvider},
 * ...), and answers with a {@link io.merapi.derive.stage.StageResult}: an item, not enough data
 * yet, or nothing until the next L1 block. Every stage reads the pipeline's L1 origin through an
 * {@link io.merapi.derive.stage.OriginProvider} and reacts to {@link
 * io.merapi.derive.stage.Signal}s. Batch validity lives in {@link
 * io.merapi.derive.stage.BatchChecks}, its verdicts in {@link
 * io.merapi.derive.stage.BatchValidity}, the per-fork parameters in {@link
 * io.merapi.derive.stage.ProtocolParameters}.
 */
package io.merapi.derive.stage;
