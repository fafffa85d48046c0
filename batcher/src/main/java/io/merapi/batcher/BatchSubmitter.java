package io.merapi.batcher;

import io.merapi.base.bytes.Hash;
import io.merapi.batcher.channel.ChannelManager;
import io.merapi.batcher.channel.L2ReorgException;
import io.merapi.batcher.channel.TxData;
import io.merapi.batcher.metrics.BatcherMetrics;
import io.merapi.derive.L2BlockRef;
import io.merapi.service.rollup.RollupClient;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.service.txmgr.TxCandidate;
import io.merapi.service.txmgr.TxManager;
import io.merapi.service.txmgr.TxResult;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batcher's loop (op-batcher {@code BatchSubmitter}), on one thread: every poll interval it
 * reads the rollup node's sync status, loads the unsafe blocks after the last one it holds (from
 * the safe head on a fresh start), feeds them to the {@link ChannelManager} and sends what it has
 * ready through the {@link TxManager}, at most {@code maxPendingTx} at a time.
 *
 * <p>It starts again from the safe head, with no channel, when it starts, when the L2 chain
 * reorganised under it, when the safe head moved back (an L1 reorg) or passed what it holds, and
 * when a channel whose frames all landed was not derived within the channel timeout. Derivation
 * then sees a new channel for blocks after the safe head: from Holocene it drops the partly posted
 * one; before, that one times out.
 */
final class BatchSubmitter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatchSubmitter.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Blocks loaded per turn, so that sending keeps up while a long backlog loads. */
  private static final int MAX_BLOCKS_PER_TURN = 200;

  private final RollupClient rollup;
  private final LongFunction<Optional<Block>> l2Blocks;
  private final TxManager txManager;
  private final Function<RollupConfig, ChannelManager> managerFactory;
  private final BatcherMetrics metrics;
  private final Duration pollInterval;
  private final int maxPendingTx;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Object wake = new Object();
  private final Thread thread;

  private volatile boolean running;
  private volatile boolean closed;
  private volatile boolean stopRequested;
  private RollupConfig rollupConfig;
  private ChannelManager manager;

  /** The last block handed to the channel manager; empty: start from the safe head. */
  private Optional<BlockId> lastStored = Optional.empty();

  private long lastSafe = -1;
  private String lastError = "";
  private Duration backoff;

  BatchSubmitter(
      RollupClient rollup,
      LongFunction<Optional<Block>> l2Blocks,
      TxManager txManager,
      Function<RollupConfig, ChannelManager> managerFactory,
      BatcherMetrics metrics,
      Duration pollInterval,
      int maxPendingTx,
      boolean startRunning) {
    this.rollup = rollup;
    this.l2Blocks = l2Blocks;
    this.txManager = txManager;
    this.managerFactory = managerFactory;
    this.metrics = metrics;
    this.pollInterval = pollInterval;
    this.backoff = pollInterval;
    this.maxPendingTx = maxPendingTx;
    this.running = startRunning;
    this.thread = Thread.ofPlatform().name("batch-submitter").daemon().unstarted(this::loop);
  }

  void start() {
    thread.start();
  }

  boolean isRunning() {
    return running;
  }

  /** admin_startBatcher. */
  void startSubmitting() {
    synchronized (wake) {
      if (running) {
        throw new IllegalStateException("batcher is already running");
      }
      running = true;
      wake.notifyAll();
    }
    log.info("Batch submitting started");
  }

  /**
   * admin_stopBatcher: what is being sent goes out, the channel being filled is closed and sent,
   * channels with nothing sent yet are dropped; the next start begins at the safe head.
   */
  void stopSubmitting() {
    synchronized (wake) {
      if (!running) {
        throw new IllegalStateException("batcher is not running");
      }
      running = false;
      stopRequested = true;
      wake.notifyAll();
    }
    log.info("Batch submitting stopped");
  }

  private void loop() {
    while (!closed) {
      try {
        pause(turn());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * One turn of the loop with its error handling; returns how long to wait before the next: the
   * poll interval, or after a failure a backoff doubling up to 30 s. A failure is logged once per
   * cause; the same failure again only at debug, and the recovery once.
   */
  Duration turn() {
    try {
      if (stopRequested) {
        stopRequested = false;
        drainOnStop();
      }
      if (running) {
        step();
      }
      if (!lastError.isEmpty()) {
        log.info("Batcher recovered after: {}", lastError);
        lastError = "";
      }
      backoff = pollInterval;
      return pollInterval;
    } catch (RuntimeException e) {
      String message = describe(e);
      Duration wait = backoff;
      if (!message.equals(lastError)) {
        log.warn("Batcher step failed, retrying with backoff: {}", message);
        lastError = message;
      } else {
        log.debug("Batcher step failed again, retrying in {} ms: {}", wait.toMillis(), message);
      }
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
      return wait;
    }
  }

  private void pause(Duration duration) throws InterruptedException {
    synchronized (wake) {
      if (!closed && !stopRequested) {
        wake.wait(Math.max(1, duration.toMillis()));
      }
    }
  }

  private static String describe(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  /** One turn: sync status, new blocks, frames out. */
  void step() {
    if (manager == null) {
      rollupConfig = rollup.rollupConfig();
      manager = managerFactory.apply(rollupConfig);
    }
    SyncStatus status = rollup.syncStatus();
    if (status.headL1().number() == 0 && status.headL1().hash().equals(Hash.ZERO)) {
      log.info("The rollup node has no L1 head yet; waiting");
      return;
    }
    metrics.recordSyncStatus(status);
    L2BlockRef safe = status.safeL2();
    if (lastSafe >= 0 && safe.number() < lastSafe) {
      reset("the safe head moved back from " + lastSafe + " to " + safe.number());
    } else if (manager.derivationStalled(safe.number(), status.currentL1().number())) {
      reset(
          "a channel that landed on L1 was not derived within the channel timeout (safe head "
              + safe.number()
              + ", derivation at L1 "
              + status.currentL1().number()
              + ")");
    }
    lastSafe = safe.number();
    if (lastStored.isEmpty() || lastStored.get().number() < safe.number()) {
      if (lastStored.isPresent()) {
        log.info(
            "The safe head {} passed the last loaded block {}: continuing from the safe head",
            safe.id(),
            lastStored.get().number());
      } else {
        log.info("Starting batch submission at the safe head {}", safe.id());
      }
      startFrom(safe, status);
    }
    loadBlocks(status.unsafeL2());
    publish(status.headL1().id());
    metrics.recordPendingBlocks(manager.pendingBlocks());
  }

  private void reset(String why) {
    log.warn("Restarting batch submission from the safe head: {}", why);
    metrics.recordReset();
    lastStored = Optional.empty();
  }

  private void startFrom(L2BlockRef safe, SyncStatus status) {
    // The max channel duration counts from the safe head's L1 origin (op-batcher clearState).
    long origin =
        safe.l1Origin().number() == 0
            ? rollupConfig.genesis().l1().number()
            : safe.l1Origin().number();
    manager.clear(origin, safe.hash());
    lastStored = Optional.of(safe.id());
  }

  private void loadBlocks(L2BlockRef unsafe) {
    long from = lastStored.orElseThrow().number() + 1;
    long to = Math.min(unsafe.number(), from + MAX_BLOCKS_PER_TURN - 1);
    for (long n = from; n <= to; n++) {
      Optional<Block> block = l2Blocks.apply(n);
      if (block.isEmpty()) {
        return;
      }
      try {
        manager.addL2Block(block.get());
      } catch (L2ReorgException e) {
        reset("L2 reorg: " + e.getMessage());
        return;
      }
      metrics.recordBlockLoaded();
      lastStored = Optional.of(new BlockId(block.get().hash(), n));
    }
  }

  private void publish(BlockId l1Head) {
    while (!closed && (maxPendingTx == 0 || inFlight.get() < maxPendingTx)) {
      Optional<TxData> data = manager.txData(l1Head);
      if (data.isEmpty()) {
        return;
      }
      send(data.get());
    }
  }

  private void send(TxData data) {
    TxCandidate candidate =
        data.asBlob()
            ? TxCandidate.blobs(rollupConfig.batchInboxAddress(), data.blobs())
            : TxCandidate.calldata(rollupConfig.batchInboxAddress(), data.callData());
    ChannelManager owner = manager;
    inFlight.incrementAndGet();
    metrics.recordTx("submitted", data.length());
    CompletableFuture<TxResult> future;
    try {
      future = txManager.sendAsync(candidate);
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      owner.txFailed(data.id());
      throw e;
    }
    future.whenComplete(
        (result, failure) -> {
          inFlight.decrementAndGet();
          if (closed) {
            // Stopping: the transaction manager failed what was in flight; nothing to requeue.
            return;
          }
          if (failure != null) {
            metrics.recordTx("failed", data.length());
            log.warn("Batcher transaction {} failed: {}", data, describe(failure));
            owner.txFailed(data.id());
          } else if (!result.success()) {
            metrics.recordTx("failed", data.length());
            log.warn("Batcher transaction {} ({}) reverted", data, result.txHash());
            owner.txFailed(data.id());
          } else {
            metrics.recordTx("success", data.length());
            log.info(
                "Batcher transaction {} landed in L1 block {} ({})",
                data,
                result.blockNumber(),
                result.txHash());
            owner.txConfirmed(data.id(), new BlockId(result.blockHash(), result.blockNumber()));
          }
          synchronized (wake) {
            wake.notifyAll();
          }
        });
  }

  /** Sends what the closed channel manager still has, then forgets everything. */
  private void drainOnStop() {
    if (manager == null) {
      return;
    }
    manager.close();
    try {
      SyncStatus status = rollup.syncStatus();
      publish(status.headL1().id());
    } catch (RuntimeException e) {
      log.warn("Could not send the last frames on stopping: {}", describe(e));
    }
    lastStored = Optional.empty();
    lastSafe = -1;
  }

  int inFlight() {
    return inFlight.get();
  }

  @Override
  public void close() {
    closed = true;
    synchronized (wake) {
      wake.notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
