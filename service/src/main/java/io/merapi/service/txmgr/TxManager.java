package io.merapi.service.txmgr;

import io.merapi.base.bytes.Address;
import java.util.concurrent.CompletableFuture;

/**
 * Sends transactions from one L1 account (op-service {@code txmgr.TxManager} and its {@code
 * Queue}). Thread-safe.
 */
public interface TxManager extends AutoCloseable {
  /** The account every transaction is signed by. */
  Address from();

  /**
   * Signs {@code candidate} with the next nonce, sends it, resends it with bumped fees every
   * resubmission timeout until one version is mined and has {@code numConfirmations}, and returns
   * that version's receipt. A receipt that disappears before it is confirmed (an L1 reorg) sends
   * the transaction again.
   *
   * @throws TxManagerException when the candidate cannot be sent (see its message)
   * @throws InterruptedException when the calling thread is interrupted; the nonce may have been
   *     used by a transaction that is still in the pool
   */
  TxResult send(TxCandidate candidate) throws TxManagerException, InterruptedException;

  /**
   * Queues {@code candidate}: nonces are taken in the order of the calls, and at most {@code
   * maxPendingTx} candidates are in flight (0: no limit), so a call blocks while the queue is full.
   * The future fails with a {@link TxManagerException} where {@link #send} would throw it.
   */
  CompletableFuture<TxResult> sendAsync(TxCandidate candidate);

  /** Stops sending: queued and waiting candidates fail with a {@link TxManagerException}. */
  @Override
  void close();
}
