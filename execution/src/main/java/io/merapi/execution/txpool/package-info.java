/**
 * The transaction pool and block filling from it. Wiring in the node:
 *
 * <pre>{@code
 * TransactionPool pool = TransactionPool.create(chain, TxPoolConfig.defaults()); // follows the head
 * pool.bindTo(meterRegistry);                        // txpool.pending / txpool.queued gauges
 * PoolAccess access = new TxPoolAccess(pool, false); // eth_sendRawTransaction, pending nonces,
 *                                                    // newPendingTransactions
 * TxPoolRpc.register(pool, methods);                 // txpool_status/content/contentFrom/inspect
 * // on shutdown: pool.close();
 * }</pre>
 */
package io.merapi.execution.txpool;
