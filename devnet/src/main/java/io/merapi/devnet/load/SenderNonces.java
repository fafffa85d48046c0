package io.merapi.devnet.load;

import java.util.OptionalLong;

/**
 * One sender's nonces, kept locally so that transactions go out without asking the node each time:
 * {@link #take} hands out the next nonce while fewer than {@code maxInFlight} of the sender's
 * transactions wait for the node's answer. A rejected transaction leaves a gap the node will not
 * fill, so the sender stops until every answer is in and {@link #resynced} sets the nonce the node
 * counts (its pending nonce). Not thread-safe: the generator guards it.
 */
final class SenderNonces {
  private final int maxInFlight;
  private long next;
  private int inFlight;
  private boolean stale;

  SenderNonces(long next, int maxInFlight) {
    if (next < 0 || maxInFlight < 1) {
      throw new IllegalArgumentException(
          "nonce must be >= 0 and in-flight limit >= 1, got " + next + " and " + maxInFlight);
    }
    this.next = next;
    this.maxInFlight = maxInFlight;
  }

  /** The nonce of the next transaction, or empty while the sender is full or must resync. */
  OptionalLong take() {
    if (stale || inFlight >= maxInFlight) {
      return OptionalLong.empty();
    }
    inFlight++;
    return OptionalLong.of(next++);
  }

  /** The node answered for one transaction taken earlier: accepted it or refused it. */
  void answered(boolean accepted) {
    if (inFlight == 0) {
      throw new IllegalStateException("an answer for a transaction that was never taken");
    }
    inFlight--;
    if (!accepted) {
      stale = true;
    }
  }

  /** Whether the sender waits for its nonce from the node (refused, and nothing in flight). */
  boolean needsResync() {
    return stale && inFlight == 0;
  }

  /** Continues from the node's pending nonce after a refusal. */
  void resynced(long pendingNonce) {
    if (!needsResync()) {
      throw new IllegalStateException("resync while transactions are in flight or none refused");
    }
    next = pendingNonce;
    stale = false;
  }

  int inFlight() {
    return inFlight;
  }

  long next() {
    return next;
  }
}
