package io.merapi.explorer.rollup;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.explorer.source.ChainSource;
import io.merapi.explorer.source.RollupSource;
import io.merapi.explorer.source.SafeHead;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * For a safe L2 block: the L1 block whose data made it safe and the batcher transactions in that
 * block (sent to the rollup's batch inbox). A channel's last frame lands in that block, so the
 * transactions listed there carried the batch, or finished carrying it; earlier frames of a long
 * channel are not followed back (explorer/DESIGN.md §5).
 */
public final class BatchCarrier {
  /** Where an L2 block became safe. */
  public record Carried(long l1Block, Hash l1BlockHash, List<Hash> batcherTransactions) {
    public Carried {
      batcherTransactions = List.copyOf(batcherTransactions);
    }
  }

  private final RollupSource rollup;
  private final ChainSource l1;

  public BatchCarrier(RollupSource rollup, ChainSource l1) {
    this.rollup = rollup;
    this.l1 = l1;
  }

  /**
   * Where safe L2 block {@code l2Number} came from, given the node's {@code status}; empty if the
   * node's records do not reach it (yet).
   */
  public Optional<Carried> find(long l2Number, SyncStatus status) {
    long high = status.currentL1().number();
    OptionalLong l1Number =
        SafeBlockSearch.firstL1Block(
            l2Number,
            0,
            high,
            n ->
                rollup
                    .safeHeadAtL1Block(n)
                    .map(SafeHead::safeHead)
                    .map(id -> OptionalLong.of(id.number()))
                    .orElse(OptionalLong.empty()));
    if (l1Number.isEmpty()) {
      return Optional.empty();
    }
    Optional<RpcBlock> block = l1.block(l1Number.getAsLong());
    if (block.isEmpty()) {
      return Optional.empty();
    }
    Address inbox = rollup.rollupConfig().batchInboxAddress();
    List<Hash> carriers = new ArrayList<>();
    if (block.get().transactions() instanceof RpcBlock.Full full) {
      for (RpcTransaction rpcTx : full.transactions()) {
        Transaction tx = rpcTx.transaction();
        if (tx.to().filter(inbox::equals).isPresent()) {
          carriers.add(tx.hash());
        }
      }
    }
    return Optional.of(new Carried(l1Number.getAsLong(), block.get().header().hash(), carriers));
  }
}
