package io.merapi.explorer.rollup;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.attributes.L2BlockInfo;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.stage.ProtocolParameters;
import io.merapi.explorer.index.CarriedBy;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.explorer.source.ChainSource;
import io.merapi.explorer.source.RollupSource;
import io.merapi.explorer.source.SafeHead;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * For a safe L2 block: the L1 block whose data made it safe (the node's safe-head records, {@link
 * SafeBlockSearch}) and the batcher transaction(s) that carried its batch (explorer/DESIGN.md §5).
 * The channel that holds the batch ends in that L1 block; its earlier frames may sit in earlier
 * blocks, at most a channel timeout back, which are read only when a channel there misses its
 * beginning. When the data cannot be read (blobs pruned or no beacon API, an undecodable channel)
 * the answer is the block's batcher transactions as "one of these". An exact answer is kept in the
 * index, which drops it when a reorg replaces either block.
 */
public final class BatchCarrier {
  /**
   * Where an L2 block became safe.
   *
   * @param exact whether {@code batcherTransactions} are the ones that carried the batch (else the
   *     batcher transactions of the L1 block, one of which finished carrying it)
   * @param notes why the answer is not exact
   */
  public record Carried(
      long l1Block,
      Hash l1BlockHash,
      List<Hash> batcherTransactions,
      boolean exact,
      List<String> notes) {
    public Carried {
      batcherTransactions = List.copyOf(batcherTransactions);
      notes = List.copyOf(notes);
    }
  }

  private final RollupSource rollup;
  private final ChainSource l1;
  private final ChainSource l2;
  private final ChainIndex index;
  private final InboxReader inbox;

  public BatchCarrier(
      RollupSource rollup,
      ChainSource l1,
      ChainSource l2,
      ChainIndex index,
      Optional<BlobSource> blobs) {
    this.rollup = rollup;
    this.l1 = l1;
    this.l2 = l2;
    this.index = index;
    this.inbox = new InboxReader(blobs);
  }

  /**
   * Where safe L2 block {@code l2Number} came from, given the node's {@code status}; empty if the
   * node's records do not reach it (yet).
   */
  public Optional<Carried> find(long l2Number, SyncStatus status) {
    Optional<RpcBlock> l2Header = l2.blockHeader(l2Number);
    if (l2Header.isEmpty()) {
      return Optional.empty();
    }
    Hash l2Hash = l2Header.get().header().hash();
    Optional<CarriedBy> cached = index.carriedBy(l2Number, l2Hash);
    // The follower drops entries on reorgs it sees; a reorg of an L1 block it has not reached yet
    // is caught here.
    if (cached.isPresent()
        && l1.blockHash(cached.get().l1Block()).equals(Optional.of(cached.get().l1Hash()))) {
      CarriedBy c = cached.get();
      return Optional.of(new Carried(c.l1Block(), c.l1Hash(), c.carriers(), true, List.of()));
    }
    OptionalLong l1Number =
        SafeBlockSearch.firstL1Block(
            l2Number,
            0,
            status.currentL1().number(),
            n ->
                rollup
                    .safeHeadAtL1Block(n)
                    .map(SafeHead::safeHead)
                    .map(id -> OptionalLong.of(id.number()))
                    .orElse(OptionalLong.empty()));
    if (l1Number.isEmpty()) {
      return Optional.empty();
    }
    Optional<RpcBlock> l1Block = l1.block(l1Number.getAsLong());
    // The whole L2 block (for its L1 info deposit), by hash: the one the cache is keyed by.
    Optional<RpcBlock> l2Block = l2.block(l2Hash);
    if (l1Block.isEmpty() || l2Block.isEmpty()) {
      return Optional.empty();
    }
    Carried carried = carrierIn(l2Block.get(), l1Block.get());
    if (carried.exact()) {
      index.putCarriedBy(
          l2Number,
          new CarriedBy(
              l2Hash, carried.l1Block(), carried.l1BlockHash(), carried.batcherTransactions()));
    }
    return Optional.of(carried);
  }

  /**
   * Reads the batcher data of {@code last} and, where channels began earlier, the blocks before.
   */
  private Carried carrierIn(RpcBlock l2Block, RpcBlock last) {
    RollupConfig config = rollup.rollupConfig();
    Address inboxAddress = config.batchInboxAddress();
    // The batcher in force: the system config's batcherHash, as the L2 block's L1 info carries it.
    Address batcher = L2BlockInfo.systemConfig(config, l2Block.toBlock()).batcherAddr();
    long lastNumber = last.header().number();
    long lowest =
        Math.max(
            0,
            lastNumber - new ProtocolParameters(config).channelTimeout(last.header().timestamp()));
    List<BatchMatch.Submitted> window = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    RpcBlock block = last;
    while (true) {
      InboxReader.Inbox read = inbox.read(block, inboxAddress, batcher);
      notes.addAll(read.unreadable());
      List<BatchMatch.Submitted> older = new ArrayList<>(read.submitted());
      older.addAll(window);
      window = older;
      BatchMatch.Outcome outcome =
          BatchMatch.match(
              config.genesis().l2Time(), config.blockTime(), l2Block.header().timestamp(), window);
      if (outcome instanceof BatchMatch.Found found) {
        return new Carried(lastNumber, last.header().hash(), found.carriers(), true, List.of());
      }
      long previous = block.header().number() - 1;
      if (!(outcome instanceof BatchMatch.NeedsEarlier) || previous < lowest) {
        break;
      }
      Optional<RpcBlock> earlier = l1.block(previous);
      if (earlier.isEmpty()) {
        break;
      }
      block = earlier.get();
    }
    if (notes.isEmpty()) {
      notes.add("no channel in the batcher data read holds this block's batch");
    }
    List<Hash> candidates =
        InboxReader.batcherTransactions(last, inboxAddress, batcher).stream()
            .map(Transaction::hash)
            .toList();
    return new Carried(lastNumber, last.header().hash(), candidates, false, notes);
  }
}
