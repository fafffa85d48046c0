package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.util.List;

/**
 * One L2 block's batch (specs derivation.md "Batch Format", type 0): {@code rlp([parent_hash,
 * epoch_number, epoch_hash, timestamp, transaction_list])}, the transactions as their EIP-2718
 * encodings.
 */
public record SingularBatch(
    Hash parentHash, long epochNum, Hash epochHash, long timestamp, List<Bytes> transactions)
    implements Batch {
  public static final int TYPE = 0;

  public SingularBatch {
    transactions = List.copyOf(transactions);
  }

  @Override
  public int type() {
    return TYPE;
  }
}
