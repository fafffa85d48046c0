/**
 * A client of the rollup node's RPC (op-service {@code sources.RollupClient}): {@code
 * optimism_syncStatus}, {@code optimism_outputAtBlock} and {@code optimism_rollupConfig}, in the
 * JSON shapes op-node serves (op-service {@code eth/sync_status.go}, {@code eth/output.go}).
 */
package io.merapi.service.rollup;
