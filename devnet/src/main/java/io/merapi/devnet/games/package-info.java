/**
 * The devnet's stand-in for op-challenger: it resolves the fast dispute games the proposer creates,
 * so that withdrawals proven against them can be finalized.
 */
package io.merapi.devnet.games;
