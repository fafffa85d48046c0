package io.merapi.execution.txpool;

import io.merapi.base.uint.UInt256;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The order a block builder takes pending transactions in (geth {@code
 * newTransactionsByPriceAndNonce}): each sender's transactions strictly by nonce, and across
 * senders the head with the highest effective tip under the block's base fee first, the earlier
 * arrival on ties. Not thread-safe; built from a snapshot of the pool.
 */
public final class TransactionsByPriceAndNonce {
  private final UInt256 baseFee;
  private final PriorityQueue<Head> heads;

  private record Head(PooledTransaction tx, UInt256 tip, Deque<PooledTransaction> rest) {}

  /**
   * @param bySender each sender's pending transactions in nonce order, each of which can pay {@code
   *     baseFee}
   */
  TransactionsByPriceAndNonce(Collection<List<PooledTransaction>> bySender, UInt256 baseFee) {
    this.baseFee = baseFee;
    this.heads =
        new PriorityQueue<>(
            Math.max(1, bySender.size()),
            (a, b) -> {
              int byTip = b.tip.compareTo(a.tip);
              return byTip != 0 ? byTip : Long.compare(a.tx.sequence(), b.tx.sequence());
            });
    for (List<PooledTransaction> txs : bySender) {
      if (!txs.isEmpty()) {
        Deque<PooledTransaction> rest = new ArrayDeque<>(txs);
        PooledTransaction first = rest.poll();
        heads.add(new Head(first, tip(first), rest));
      }
    }
  }

  private UInt256 tip(PooledTransaction tx) {
    return tx.tx().effectiveGasTip(baseFee).orElse(UInt256.ZERO);
  }

  /** The best transaction left, if any. */
  public Optional<PooledTransaction> peek() {
    Head head = heads.peek();
    return head == null ? Optional.empty() : Optional.of(head.tx);
  }

  /** Its effective tip under the base fee. */
  public UInt256 peekTip() {
    return heads.element().tip;
  }

  /** Replaces the best transaction with its sender's next one (after including it). */
  public void shift() {
    Head head = heads.poll();
    if (head != null && !head.rest.isEmpty()) {
      PooledTransaction next = head.rest.poll();
      heads.add(new Head(next, tip(next), head.rest));
    }
  }

  /** Drops the best transaction and the rest of its sender's (they cannot follow it now). */
  public void pop() {
    heads.poll();
  }

  public boolean isEmpty() {
    return heads.isEmpty();
  }
}
