/**
 * The rollup node (op-node; specs {@code protocol/rollup-node.md}): it follows L1 through {@link
 * io.merapi.node.l1} and {@link io.merapi.node.beacon}, derives the L2 chain with the pure {@code
 * derive} pipeline, drives an execution engine over the Engine API ({@link io.merapi.node.engine}),
 * builds blocks as sequencer ({@link io.merapi.node.driver}), remembers safe heads by L1 block
 * ({@link io.merapi.node.safedb}) and answers op-node's RPC ({@link io.merapi.node.rpc}).
 */
package io.merapi.node;
