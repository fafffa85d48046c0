/**
 * The endpoints the explorer reads: each chain's JSON-RPC and the rollup node's RPC, with short
 * retries and a reachability state that every page shows.
 */
package io.merapi.explorer.source;
