package io.merapi.service.txmgr;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The sender's next nonce (op-service txmgr's {@code nonce}): counted locally so that transactions
 * in flight get consecutive nonces without asking the L1 each time, and read again from the L1's
 * pending count after anything that makes the count doubtful (a nonce used elsewhere, a transaction
 * that never reached the pool). Callers reserve and release under the manager's send order, so a
 * released nonce is always the last one reserved.
 */
final class NonceTracker {
  private OptionalLong next = OptionalLong.empty();

  /** The next nonce, read from {@code pendingNonce} when not known. */
  synchronized long reserve(LongSupplier pendingNonce) {
    long nonce = next.isPresent() ? next.getAsLong() : pendingNonce.getAsLong();
    next = OptionalLong.of(nonce + 1);
    return nonce;
  }

  /**
   * Gives back {@code nonce}, which no transaction in the pool uses: the next send takes it again.
   * If it is not the last one reserved, the count is read from the L1 again instead.
   */
  synchronized void release(long nonce) {
    if (next.isPresent() && next.getAsLong() == nonce + 1) {
      next = OptionalLong.of(nonce);
    } else {
      next = OptionalLong.empty();
    }
  }

  /** Forgets the count: the next reservation reads the L1's pending nonce. */
  synchronized void reset() {
    next = OptionalLong.empty();
  }

  /** The next nonce if known (for metrics and tests). */
  synchronized OptionalLong peek() {
    return next;
  }
}
