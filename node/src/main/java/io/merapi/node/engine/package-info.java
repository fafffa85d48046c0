/**
 * The rollup node's side of the execution engine (op-node {@code sources.EngineClient} and {@code
 * L2Client}; specs exec-engine.md): {@link io.merapi.node.engine.EngineClient} drives the Engine
 * API on the engine's JWT-authenticated port, with the method version of each block's fork ({@link
 * io.merapi.node.engine.EngineMethods}); {@link io.merapi.node.engine.RpcL2Client} reads the L2
 * chain back from the engine's public JSON-RPC as derivation sees it — block references with their
 * L1 origin and sequence number, system configs, payloads and output roots.
 */
package io.merapi.node.engine;
