/**
 * Action tests of derivation (op-e2e's {@code actions}): a rollup's actors in one test, each moved
 * by hand, with no threads, clock or network, so that every scenario is deterministic.
 *
 * <ul>
 *   <li>{@link io.merapi.derive.actions.L1Miner}: a real L1 chain (Cancun blocks executed over the
 *       deployed rollup contracts, blobs kept) that is derivation's L1 and blob source;
 *   <li>{@link io.merapi.derive.actions.Sequencer}: builds unsafe L2 blocks from derivation's
 *       attributes builder, with user transactions, and derives like any node;
 *   <li>{@link io.merapi.derive.actions.Batcher}: writes the sequencer's blocks into channels with
 *       derivation's encoder and sends them to the batch inbox, with knobs for garbage, held-back
 *       and partial channels;
 *   <li>{@link io.merapi.derive.actions.RollupNode}: a verifier that derives its own chain from L1
 *       alone with the {@link io.merapi.derive.pipeline.DerivationPipeline}.
 * </ul>
 *
 * {@link io.merapi.derive.actions.Actors} puts them together; a scenario moves them and ends by
 * checking that the verifier's safe chain is the sequencer's, block hash for block hash.
 */
package io.merapi.derive.actions;
