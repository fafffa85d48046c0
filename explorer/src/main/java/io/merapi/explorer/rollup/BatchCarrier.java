package io.merapi.explorer.rollup;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.attributes.L2BlockInfo;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.stage.ProtocolParameters;
import io.merapi.explorer.Chain;
import io.merapi.explorer.index.CarriedBy;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.explorer.source.ChainSource;
import io.merapi.explorer.source.RollupSource;
import io.merapi.explorer.source.SafeHead;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

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
  private final ReentrantLock searching = new ReentrantLock();

  /** The L1 block of the last exact answer: where the next search usually starts. */
  private volatile long lastFound;

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
    return l2Header.isEmpty()
        ? Optional.empty()
        : find(l2Number, l2Header.get().header().hash(), status);
  }

  /** As {@link #find(long, SyncStatus)}, for the block at {@code l2Number} with {@code l2Hash}. */
  public Optional<Carried> find(long l2Number, Hash l2Hash, SyncStatus status) {
    Optional<Carried> cached = cached(l2Number, l2Hash);
    if (cached.isPresent()) {
      return cached;
    }
    // One search and decoding at a time: the pages and the warmer ask for neighbouring blocks,
    // which one decoding of their L1 block answers all together.
    searching.lock();
    try {
      return searchUnlessCached(l2Number, l2Hash, status);
    } finally {
      searching.unlock();
    }
  }

  /**
   * As {@link #find(long, Hash, SyncStatus)}, but waits at most {@code wait} for a search under way
   * (the background warmer's, usually about this very block): a page then says the answer is being
   * looked for and refreshes, instead of keeping the person waiting. Empty also then.
   */
  public Optional<Carried> findWithin(
      long l2Number, Hash l2Hash, SyncStatus status, Duration wait) {
    Optional<Carried> cached = cached(l2Number, l2Hash);
    if (cached.isPresent()) {
      return cached;
    }
    try {
      if (!searching.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      return searchUnlessCached(l2Number, l2Hash, status);
    } finally {
      searching.unlock();
    }
  }

  private Optional<Carried> searchUnlessCached(long l2Number, Hash l2Hash, SyncStatus status) {
    Optional<Carried> cached = cached(l2Number, l2Hash);
    return cached.isPresent() ? cached : search(l2Number, l2Hash, status);
  }

  private Optional<Carried> cached(long l2Number, Hash l2Hash) {
    Optional<CarriedBy> cached = index.carriedBy(l2Number, l2Hash);
    if (cached.isPresent() && stillCanonical(cached.get())) {
      CarriedBy c = cached.get();
      return Optional.of(new Carried(c.l1Block(), c.l1Hash(), c.carriers(), true, List.of()));
    }
    return Optional.empty();
  }

  /**
   * Whether the L1 block of a kept answer is still on the chain. The L1 follower drops the answers
   * of blocks a reorg replaces once it reaches them, so an L1 block it has indexed with the same
   * hash needs no question to the node; one it has not reached yet is asked about.
   */
  private boolean stillCanonical(CarriedBy carried) {
    Optional<IndexedBlock> indexed = index.block(Chain.L1, carried.l1Block());
    if (indexed.isPresent() && indexed.get().hashKnown()) {
      return indexed.get().hash().equals(carried.l1Hash());
    }
    return l1.blockHash(carried.l1Block()).equals(Optional.of(carried.l1Hash()));
  }

  private Optional<Carried> search(long l2Number, Hash l2Hash, SyncStatus status) {
    long high = status.currentL1().number();
    OptionalLong l1Number =
        SafeBlockSearch.firstL1Block(l2Number, lowerBound(l2Number, high), high, this::safeHeadAt);
    if (l1Number.isEmpty()) {
      return Optional.empty();
    }
    Optional<RpcBlock> l1Block = l1.block(l1Number.getAsLong());
    // The whole L2 block (for its L1 info deposit), by hash: the one the cache is keyed by.
    Optional<RpcBlock> l2Block = l2.block(l2Hash);
    if (l1Block.isEmpty() || l2Block.isEmpty()) {
      return Optional.empty();
    }
    Found found = carrierIn(l2Block.get(), l1Block.get());
    Carried carried = found.carried();
    if (carried.exact()) {
      lastFound = carried.l1Block();
      index.putCarriedBy(
          l2Number,
          new CarriedBy(
              l2Hash, carried.l1Block(), carried.l1BlockHash(), carried.batcherTransactions()));
      keepSiblings(l2Number, carried, found.l2Timestamps());
    }
    return Optional.of(carried);
  }

  /**
   * Where to start the binary search: the L1 block of the last answer when the block asked for
   * became safe after it (the usual case: pages and the warmer ask for recent blocks), else 0.
   */
  private long lowerBound(long l2Number, long high) {
    long hint = lastFound;
    if (hint <= 0 || hint > high) {
      return 0;
    }
    OptionalLong before = safeHeadAt(hint - 1);
    return before.isPresent() && before.getAsLong() < l2Number ? hint : 0;
  }

  private OptionalLong safeHeadAt(long l1Number) {
    return rollup
        .safeHeadAtL1Block(l1Number)
        .map(SafeHead::safeHead)
        .map(id -> OptionalLong.of(id.number()))
        .orElse(OptionalLong.empty());
  }

  /**
   * Keeps the origin of the other L2 blocks that the channel just decoded holds and that became
   * safe at the same L1 block (the node's records say which: those above the safe head recorded
   * just before that block, up to the one recorded at it).
   */
  private void keepSiblings(long l2Number, Carried carried, List<Long> l2Timestamps) {
    RollupConfig config = rollup.rollupConfig();
    long l1Block = carried.l1Block();
    OptionalLong upTo = safeHeadAt(l1Block);
    OptionalLong before = l1Block == 0 ? OptionalLong.empty() : safeHeadAt(l1Block - 1);
    if (upTo.isEmpty()) {
      return;
    }
    long above = before.orElse(-1);
    for (long timestamp : l2Timestamps) {
      long offset = timestamp - config.genesis().l2Time();
      if (offset < 0 || offset % config.blockTime() != 0) {
        continue;
      }
      long number = config.genesis().l2().number() + offset / config.blockTime();
      if (number == l2Number || number <= above || number > upTo.getAsLong()) {
        continue;
      }
      Optional<Hash> hash = l2.blockHash(number);
      if (hash.isPresent()) {
        index.putCarriedBy(
            number,
            new CarriedBy(
                hash.get(), l1Block, carried.l1BlockHash(), carried.batcherTransactions()));
      }
    }
  }

  /** An answer and, when exact, the timestamps of every L2 block its channel holds. */
  private record Found(Carried carried, List<Long> l2Timestamps) {}

  /**
   * Reads the batcher data of {@code last} and, where channels began earlier, the blocks before.
   */
  private Found carrierIn(RpcBlock l2Block, RpcBlock last) {
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
        return new Found(
            new Carried(lastNumber, last.header().hash(), found.carriers(), true, List.of()),
            found.l2Timestamps());
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
    return new Found(
        new Carried(lastNumber, last.header().hash(), candidates, false, notes), List.of());
  }
}
