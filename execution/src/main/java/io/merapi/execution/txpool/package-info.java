/**
 * The transaction pool and block filling from it. Wiring:
 *
 * <pre>{@code
 * TransactionPool pool = TransactionPool.create(chain, TxPoolConfig.defaults()); // follows the head
 * pool.bindTo(meterRegistry);                                  // txpool.pending / txpool.queued
 * TxPoolRpc.register(pool, methods);                           // txpool_status/content/inspect
 * methods.blocking("eth_sendRawTransaction", 1, 1, TxPoolRpc.sendRawTransaction(pool, false));
 * TxPoolRpc.registerPendingSubscription(pool, methods);        // newPendingTransactions
 * long next = pool.nextNonce(address);                         // eth_getTransactionCount "pending"
 * }</pre>
 */
package io.merapi.execution.txpool;
