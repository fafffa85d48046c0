package io.merapi.service.txmgr;

import java.util.HashSet;
import java.util.Set;

/**
 * Tickets that let sends reach the pool one at a time in the order they were asked for, so that
 * {@link TxManager#sendAsync} calls get increasing nonces in call order: a send takes a ticket when
 * it is asked for, waits for its turn, reserves its nonce and publishes its first version, then
 * passes the turn on. Waiting for a receipt happens after the turn, in parallel.
 */
final class SendOrder {
  private long nextTicket;
  private long serving;
  private boolean closed;
  private final Set<Long> abandoned = new HashSet<>();

  synchronized long take() {
    return nextTicket++;
  }

  /** Blocks until {@code ticket} is served; false if the order was closed first. */
  synchronized boolean awaitTurn(long ticket) throws InterruptedException {
    while (serving != ticket && !closed) {
      wait();
    }
    return !closed;
  }

  /**
   * Ends the turn of {@code ticket}, or gives it up before its turn came (an interrupted or failed
   * send): the turn then passes over it.
   */
  synchronized void done(long ticket) {
    if (serving == ticket) {
      serving++;
      while (abandoned.remove(serving)) {
        serving++;
      }
      notifyAll();
    } else if (ticket > serving) {
      abandoned.add(ticket);
    }
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }
}
