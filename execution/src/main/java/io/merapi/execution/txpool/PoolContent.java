package io.merapi.execution.txpool;

import io.merapi.base.bytes.Address;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.SortedMap;

/** The pool's transactions by sender (sorted), each sender's in nonce order. */
public record PoolContent(
    SortedMap<Address, List<Transaction>> pending, SortedMap<Address, List<Transaction>> queued) {
  public PoolContent {
    pending = java.util.Collections.unmodifiableSortedMap(pending);
    queued = java.util.Collections.unmodifiableSortedMap(queued);
  }
}
