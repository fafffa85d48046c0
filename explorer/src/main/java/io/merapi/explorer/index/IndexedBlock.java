package io.merapi.explorer.index;

import io.merapi.base.bytes.Hash;
import java.util.List;
import java.util.Objects;

/**
 * A followed block: its place in the chain, its time, and its transactions in order.
 *
 * @param complete false for a block the node served in a form that could not be read: the index
 *     keeps its place (and its hash, when the header could be read, else {@link Hash#ZERO}) so that
 *     following goes on, and the pages say it is not indexed
 */
public record IndexedBlock(
    long number,
    Hash hash,
    Hash parentHash,
    long timestamp,
    List<IndexedTx> transactions,
    boolean complete) {
  public IndexedBlock {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(parentHash, "parentHash");
    transactions = List.copyOf(transactions);
    if (number < 0) {
      throw new IllegalArgumentException("block number must not be negative: " + number);
    }
  }

  public IndexedBlock(
      long number, Hash hash, Hash parentHash, long timestamp, List<IndexedTx> transactions) {
    this(number, hash, parentHash, timestamp, transactions, true);
  }

  /** The place of block {@code number}, which could not be read. */
  public static IndexedBlock notIndexed(long number, Hash hash, Hash parentHash, long timestamp) {
    return new IndexedBlock(number, hash, parentHash, timestamp, List.of(), false);
  }

  /** Whether the hash is known (a block whose very header could not be read has none). */
  public boolean hashKnown() {
    return !hash.equals(Hash.ZERO);
  }
}
