package io.merapi.execution.txpool;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.Transaction;
import java.util.Comparator;

/**
 * A transaction as the pool holds it: its recovered sender, its worst-case cost ({@code gasLimit *
 * maxFeePerGas + value + blobGas * maxFeePerBlobGas}), its size, and the order it arrived in (which
 * breaks price ties, first come first served).
 */
public record PooledTransaction(
    Transaction tx, Address sender, UInt256 cost, int size, long sequence, long addedMillis) {

  /** Cheapest first by fee cap, then tip cap; of equal prices the newest goes first. */
  static final Comparator<PooledTransaction> CHEAPEST_FIRST =
      Comparator.comparing((PooledTransaction p) -> p.tx.maxFeePerGas())
          .thenComparing(p -> p.tx.maxPriorityFeePerGas())
          .thenComparing(Comparator.comparingLong(PooledTransaction::sequence).reversed());

  public Hash hash() {
    return tx.hash();
  }

  public long nonce() {
    return tx.nonce();
  }

  int slots() {
    return TxPoolConfig.slots(size);
  }
}
