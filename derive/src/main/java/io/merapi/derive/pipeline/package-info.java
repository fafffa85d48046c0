/**
 * The derivation pipeline as a whole: {@link io.merapi.derive.pipeline.DerivationPipeline} wires
 * the stages, steps them, swaps the Holocene stages in at activation and resets them; {@link
 * io.merapi.derive.pipeline.SyncStart} finds the L2 heads to restart from after a restart or an L1
 * reorg. A driver (the rollup node, the fault-proof program, a test) calls {@code step} in a loop
 * and hands the attributes it gets to an engine.
 */
package io.merapi.derive.pipeline;
