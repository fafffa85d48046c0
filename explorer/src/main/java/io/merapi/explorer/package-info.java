/**
 * The block explorer: server-rendered pages over the public JSON-RPC of an OP Stack chain's L1 and
 * L2 and its rollup node, with a local index in RocksDB (explorer/DESIGN.md).
 */
package io.merapi.explorer;
