package io.merapi.explorer.index;

import io.merapi.base.bytes.Hash;
import io.merapi.explorer.Chain;
import io.merapi.explorer.Pacing;
import io.merapi.explorer.source.BlockSource;
import io.merapi.explorer.source.SourceUnavailableException;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one chain into the {@link ChainIndex}: each round it compares the indexed head with the
 * node's chain (undoing a reorg back to the common block), then indexes the blocks up to the node's
 * head, at most {@link #MAX_BLOCKS_PER_ROUND} a round. A round that fails because the node is
 * unreachable is retried after a growing pause; the explorer keeps serving pages meanwhile.
 */
public final class Follower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Follower.class);

  static final int MAX_BLOCKS_PER_ROUND = 256;

  /** How far back a reorg is looked for before the chain's index is dropped and rebuilt. */
  static final int MAX_REORG_DEPTH = 1024;

  private static final Duration NEXT_ROUND = Duration.ofMillis(20);

  private final BlockSource source;
  private final ChainIndex index;
  private final Duration pollInterval;
  private final long backfill;
  private final BlockExtras extras;
  private final Thread thread;
  private final Pacing pacing;

  /**
   * @param backfill on an empty index, how many blocks below the node's head to start from
   */
  private Follower(
      BlockSource source,
      ChainIndex index,
      Duration pollInterval,
      long backfill,
      BlockExtras extras) {
    this.source = source;
    this.extras = extras;
    this.index = index;
    this.pollInterval = pollInterval;
    this.pacing = new Pacing(pollInterval);
    this.backfill = backfill;
    this.thread =
        Thread.ofVirtual().name("explorer-follow-" + source.chain().path()).unstarted(this::run);
  }

  public static Follower start(
      BlockSource source, ChainIndex index, Duration pollInterval, long backfill) {
    return start(source, index, pollInterval, backfill, BlockExtras.NONE);
  }

  /** A follower that also indexes {@code extras} of each block (the bridge's events). */
  public static Follower start(
      BlockSource source,
      ChainIndex index,
      Duration pollInterval,
      long backfill,
      BlockExtras extras) {
    Follower follower = new Follower(source, index, pollInterval, backfill, extras);
    follower.thread.start();
    return follower;
  }

  /** A follower whose rounds a test runs by hand ({@link #round}); no thread is started. */
  static Follower manual(BlockSource source, ChainIndex index, long backfill) {
    return new Follower(source, index, Duration.ofSeconds(1), backfill, BlockExtras.NONE);
  }

  private void run() {
    long failures = 0;
    while (pacing.running()) {
      try {
        boolean caughtUp = round();
        failures = 0;
        // Behind: go on at once, but never spin on a node that lists a head it cannot serve.
        pacing.pause(caughtUp ? pollInterval : NEXT_ROUND);
      } catch (SourceUnavailableException e) {
        // Reachability has logged the outage once; wait longer while it lasts.
        failures++;
        pacing.backoff(failures);
      } catch (RuntimeException e) {
        failures++;
        if (failures == 1) {
          LOG.warn("following {} failed, retrying: {}", source.chain().label(), e.toString());
        }
        pacing.backoff(failures);
      }
    }
  }

  /**
   * One round: reconcile with the node's chain, then index new blocks. Returns whether the index
   * has reached the node's head.
   */
  boolean round() {
    long head = source.blockNumber();
    reconcile(head);
    Optional<IndexedBlock> indexed = index.head(source.chain());
    long next = indexed.map(b -> b.number() + 1).orElse(Math.max(0, head - backfill));
    int done = 0;
    while (pacing.running() && next <= head && done < MAX_BLOCKS_PER_ROUND) {
      Optional<Read> read = read(next);
      if (read.isEmpty()) {
        return false; // the head moved back: the next round reconciles
      }
      IndexedBlock entry = read.get().entry();
      if (indexed.isPresent()
          && indexed.get().hashKnown()
          && entry.hashKnown()
          && !entry.parentHash().equals(indexed.get().hash())) {
        return false; // a reorg between two calls: the next round finds the common block
      }
      // A block marked not indexed has no transactions read, so no bridge entries either.
      index.append(source.chain(), entry, read.get().block().map(extras::of).orElse(List.of()));
      indexed = Optional.of(entry);
      next++;
      done++;
    }
    return next > head;
  }

  /**
   * Block {@code number} as the index keeps it. A block the node serves in a form that cannot be
   * read (a transaction type this version does not know, a broken answer) gets a "not indexed"
   * marker with what its header tells, and one log line, instead of stopping the follower on it for
   * good.
   */
  private Optional<Read> read(long number) {
    try {
      return source.block(number).map(b -> new Read(entry(b), Optional.of(b)));
    } catch (RpcTransportException e) {
      if (e.kind() != RpcTransportException.Kind.BAD_RESPONSE) {
        throw e;
      }
      Optional<IndexedBlock> marker;
      try {
        marker =
            source
                .blockHeader(number)
                .map(
                    b ->
                        IndexedBlock.notIndexed(
                            number,
                            b.header().hash(),
                            b.header().parentHash(),
                            b.header().timestamp()));
      } catch (RpcTransportException headerToo) {
        if (headerToo.kind() != RpcTransportException.Kind.BAD_RESPONSE) {
          throw headerToo;
        }
        marker = Optional.of(IndexedBlock.notIndexed(number, Hash.ZERO, Hash.ZERO, 0));
      }
      LOG.warn(
          "{} block {} cannot be read, marked not indexed: {}",
          source.chain().label(),
          number,
          e.getMessage());
      return marker.map(m -> new Read(m, Optional.empty()));
    }
  }

  /** A block as read: its index entry, and the block itself unless it could not be read. */
  private record Read(IndexedBlock entry, Optional<RpcBlock> block) {}

  /**
   * Undoes indexed blocks the node no longer has on its canonical chain: walks down from the
   * indexed head (or the node's head, if lower) to the highest block whose hash both agree on.
   */
  private void reconcile(long nodeHead) {
    Chain chain = source.chain();
    Optional<IndexedBlock> indexed = index.head(chain);
    if (indexed.isEmpty()) {
      return;
    }
    long start = index.start(chain).orElse(0);
    long n = Math.min(indexed.get().number(), nodeHead);
    long lowest = Math.max(start, indexed.get().number() - MAX_REORG_DEPTH);
    while (n >= lowest) {
      Optional<IndexedBlock> ours = index.block(chain, n);
      // A block marked not indexed without a hash cannot be checked; its neighbours are.
      if (ours.isPresent() && !ours.get().hashKnown()) {
        break;
      }
      Optional<Hash> theirs = source.blockHash(n);
      if (ours.isPresent() && theirs.isPresent() && ours.get().hash().equals(theirs.get())) {
        break;
      }
      n--;
    }
    if (n < lowest) {
      // No common block within reach: start over from the backfill height.
      n = start - 1;
    }
    if (n < indexed.get().number()) {
      LOG.info(
          "{} reorg: the index drops blocks {} to {}",
          chain.label(),
          n + 1,
          indexed.get().number());
      index.rewindTo(chain, n);
    }
  }

  static IndexedBlock entry(RpcBlock block) {
    List<IndexedTx> txs = new ArrayList<>();
    if (block.transactions() instanceof RpcBlock.Full full) {
      for (RpcTransaction rpcTx : full.transactions()) {
        Transaction tx = rpcTx.transaction();
        txs.add(IndexedTx.of(tx));
      }
    }
    return new IndexedBlock(
        block.header().number(),
        block.header().hash(),
        block.header().parentHash(),
        block.header().timestamp(),
        txs);
  }

  /** Stops after the call under way (no interrupt), waiting up to 10 s for it. */
  @Override
  public void close() {
    pacing.stop();
    if (!thread.isAlive()) {
      return;
    }
    try {
      if (!thread.join(Duration.ofSeconds(10))) {
        LOG.warn("the {} follower did not stop in 10 s", source.chain().label());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
