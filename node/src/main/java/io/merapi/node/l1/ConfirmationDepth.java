package io.merapi.node.l1;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An L1 view that does not yet see the newest {@code depth} blocks (op-node's {@code confDepth},
 * {@code --sequencer.l1-confs} and {@code --verifier.l1-confs}): lookups by number above the head
 * less the depth answer "not found", so the sequencer adopts, and the verifier reads, only blocks
 * unlikely to be reorged. Lookups by hash pass through: a hash already names a block the caller has
 * seen.
 */
public final class ConfirmationDepth implements L1Source {
  private final L1Source l1;
  private final long depth;
  private final Supplier<Optional<L1BlockRef>> head;

  /**
   * @param head the L1 head as last seen (empty before the first poll: nothing is hidden then, as
   *     op-node does with an unknown head)
   */
  public ConfirmationDepth(L1Source l1, long depth, Supplier<Optional<L1BlockRef>> head) {
    if (depth < 0) {
      throw new IllegalArgumentException("confirmation depth must not be negative: " + depth);
    }
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.depth = depth;
    this.head = Objects.requireNonNull(head, "head");
  }

  @Override
  public Optional<L1BlockRef> blockRefByNumber(long number) {
    if (depth > 0) {
      Optional<L1BlockRef> h = head.get();
      if (h.isPresent() && Long.compareUnsigned(number + depth, h.get().number()) > 0) {
        return Optional.empty();
      }
    }
    return l1.blockRefByNumber(number);
  }

  @Override
  public L1BlockRef blockRefByHash(Hash hash) {
    return l1.blockRefByHash(hash);
  }

  @Override
  public Header headerByHash(Hash hash) {
    return l1.headerByHash(hash);
  }

  @Override
  public List<Transaction> transactionsByHash(Hash hash) {
    return l1.transactionsByHash(hash);
  }

  @Override
  public List<Receipt> receiptsByHash(Hash hash) {
    return l1.receiptsByHash(hash);
  }
}
