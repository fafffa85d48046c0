package io.merapi.explorer.index;

import io.merapi.base.bytes.Hash;
import java.util.List;
import java.util.Objects;

/** A followed block: its place in the chain, its time, and its transactions in order. */
public record IndexedBlock(
    long number, Hash hash, Hash parentHash, long timestamp, List<IndexedTx> transactions) {
  public IndexedBlock {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    transactions = List.copyOf(transactions);
    if (number < 0) {
      throw new IllegalArgumentException("block number must not be negative: " + number);
    }
  }
}
