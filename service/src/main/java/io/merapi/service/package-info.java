/**
 * What the rollup's services (batcher, proposer, later the challenger) share, as op-service does:
 * the L1 transaction manager ({@code txmgr}), the signer keys ({@code signer}), the rollup node's
 * RPC client ({@code rollup}) and the op services' common metrics ({@code metrics}).
 */
package io.merapi.service;
