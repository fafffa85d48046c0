/**
 * {@code merapi devnet}: the whole rollup in one JVM — the dev L1 with the rollup's contracts in
 * its genesis, the sequencer's and the verifier's L2 engines and rollup nodes, the batcher and the
 * proposer — talking over loopback exactly as the separate services do.
 */
package io.merapi.devnet;
