/**
 * The rollup node's JSON-RPC (op-node {@code node/api.go}, {@code --rpc.addr}/{@code --rpc.port}):
 * the {@code optimism} namespace, and with {@code --rpc.enable-admin} the {@code admin} one, in
 * op-node's method names and JSON shapes (op-service {@code eth/sync_status.go}, {@code eth/id.go},
 * {@code eth/output.go}).
 */
package io.merapi.node.rpc;
