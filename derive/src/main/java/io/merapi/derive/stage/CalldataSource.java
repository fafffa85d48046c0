package io.merapi.derive.stage;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Batcher data as calldata (specs derivation.md "L1 Retrieval"): the input of each batcher
 * transaction of a block, in order. The block's transactions are fetched on first use, so a source
 * that cannot answer yet is retried by asking again.
 */
final class CalldataSource implements DataAvailabilitySource.DataIterator {
  private final L1Source l1;
  private final L1BlockRef block;
  private final Address batchInbox;
  private final Address batcher;
  private Deque<Bytes> data;

  CalldataSource(L1Source l1, L1BlockRef block, Address batchInbox, Address batcher) {
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.block = Objects.requireNonNull(block, "block");
    this.batchInbox = Objects.requireNonNull(batchInbox, "batchInbox");
    this.batcher = Objects.requireNonNull(batcher, "batcher");
  }

  @Override
  public StageResult<Bytes> next() {
    if (data == null) {
      Deque<Bytes> found = new ArrayDeque<>();
      for (Transaction tx : l1.transactionsByHash(block.hash())) {
        if (BatcherTransactions.isBatcherTransaction(tx, batchInbox, batcher)) {
          found.add(tx.data());
        }
      }
      data = found;
    }
    Bytes next = data.poll();
    return next == null ? StageResult.eof() : StageResult.ready(next);
  }
}
