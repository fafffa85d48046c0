package io.merapi.execution.txpool;

import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One sender's transactions in one part of the pool (pending or queued), by nonce (geth {@code
 * list}). Keeps the sum of their costs, which pending lists check new transactions against.
 */
final class SenderList {
  private final TreeMap<Long, PooledTransaction> byNonce = new TreeMap<>(Long::compareUnsigned);
  private BigInteger totalCost = BigInteger.ZERO;

  int size() {
    return byNonce.size();
  }

  boolean isEmpty() {
    return byNonce.isEmpty();
  }

  PooledTransaction get(long nonce) {
    return byNonce.get(nonce);
  }

  PooledTransaction first() {
    return byNonce.firstEntry().getValue();
  }

  PooledTransaction last() {
    return byNonce.lastEntry().getValue();
  }

  BigInteger totalCost() {
    return totalCost;
  }

  /** Puts {@code tx}, returning the transaction it replaced at the same nonce (or null). */
  PooledTransaction put(PooledTransaction tx) {
    PooledTransaction old = byNonce.put(tx.nonce(), tx);
    if (old != null) {
      totalCost = totalCost.subtract(old.cost().toBigInteger());
    }
    totalCost = totalCost.add(tx.cost().toBigInteger());
    return old;
  }

  PooledTransaction remove(long nonce) {
    PooledTransaction old = byNonce.remove(nonce);
    if (old != null) {
      totalCost = totalCost.subtract(old.cost().toBigInteger());
    }
    return old;
  }

  /** Removes and returns every transaction with a nonce below {@code nonce}. */
  List<PooledTransaction> removeBelow(long nonce) {
    return removeWhile(byNonce.headMap(nonce, false));
  }

  /** Removes and returns every transaction with a nonce above {@code nonce}. */
  List<PooledTransaction> removeAbove(long nonce) {
    return removeWhile(byNonce.tailMap(nonce, false));
  }

  /** Removes and returns the transactions {@code test} selects. */
  List<PooledTransaction> removeIf(Predicate<PooledTransaction> test) {
    List<PooledTransaction> removed = new ArrayList<>();
    Iterator<PooledTransaction> it = byNonce.values().iterator();
    while (it.hasNext()) {
      PooledTransaction tx = it.next();
      if (test.test(tx)) {
        it.remove();
        totalCost = totalCost.subtract(tx.cost().toBigInteger());
        removed.add(tx);
      }
    }
    return removed;
  }

  /** Removes and returns the consecutive run of nonces starting at {@code nonce}. */
  List<PooledTransaction> removeReady(long nonce) {
    List<PooledTransaction> ready = new ArrayList<>();
    long next = nonce;
    PooledTransaction tx;
    while ((tx = byNonce.get(next)) != null) {
      remove(next);
      ready.add(tx);
      next++;
    }
    return ready;
  }

  /** Removes and returns the highest-nonce transaction. */
  PooledTransaction removeLast() {
    return remove(byNonce.lastKey());
  }

  private List<PooledTransaction> removeWhile(Map<Long, PooledTransaction> range) {
    List<PooledTransaction> removed = new ArrayList<>(range.values());
    for (PooledTransaction tx : removed) {
      totalCost = totalCost.subtract(tx.cost().toBigInteger());
    }
    range.clear();
    return removed;
  }

  /** In nonce order. */
  List<PooledTransaction> transactions() {
    return new ArrayList<>(byNonce.values());
  }

  /** Whether {@code replacement} beats {@code old} by the price bump in both fee caps (geth). */
  static boolean outbids(PooledTransaction replacement, PooledTransaction old, int priceBump) {
    UInt256 oldFeeCap = old.tx().maxFeePerGas();
    UInt256 oldTip = old.tx().maxPriorityFeePerGas();
    UInt256 feeCap = replacement.tx().maxFeePerGas();
    UInt256 tip = replacement.tx().maxPriorityFeePerGas();
    if (oldFeeCap.compareTo(feeCap) >= 0 || oldTip.compareTo(tip) >= 0) {
      return false;
    }
    // Both must also reach old * (100 + bump) / 100, which matters once prices are large.
    BigInteger factor = BigInteger.valueOf(100L + priceBump);
    BigInteger hundred = BigInteger.valueOf(100);
    BigInteger feeCapThreshold = oldFeeCap.toBigInteger().multiply(factor).divide(hundred);
    BigInteger tipThreshold = oldTip.toBigInteger().multiply(factor).divide(hundred);
    return feeCap.toBigInteger().compareTo(feeCapThreshold) >= 0
        && tip.toBigInteger().compareTo(tipThreshold) >= 0;
  }
}
