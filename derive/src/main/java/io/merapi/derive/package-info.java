/**
 * The derivation pipeline (specs protocol/derivation.md): L1 blocks in, L2 payload attributes out,
 * and the encoder a batcher uses for the reverse. Pure: no network, threads or clock; the rollup
 * node, the fault-proof program and tests drive it through small provider interfaces.
 */
package io.merapi.derive;
