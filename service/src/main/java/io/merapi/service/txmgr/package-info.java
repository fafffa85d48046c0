/**
 * The L1 transaction manager (op-service {@code txmgr}): one sender's nonces, fee estimation for
 * EIP-1559 and EIP-4844 transactions, resubmission with bumped fees until a transaction is mined
 * and confirmed, and recovery from the errors an L1 pool answers.
 */
package io.merapi.service.txmgr;
