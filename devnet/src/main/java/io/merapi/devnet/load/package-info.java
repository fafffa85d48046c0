/**
 * Load on a running devnet: {@link io.merapi.devnet.load.LoadGenerator} sends signed L2 transfers
 * at a steady rate from several accounts over JSON-RPC and checks their receipts; {@link
 * io.merapi.devnet.load.ProcessMemory} measures what the devnet costs in memory. Used by the load
 * test, the footprint benchmark and load tests of tools built on the devnet.
 */
package io.merapi.devnet.load;
