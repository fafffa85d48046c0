package io.merapi.execution.dev;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.engine.BuiltPayload;
import io.merapi.execution.engine.EngineApi;
import io.merapi.execution.engine.ForkchoiceUpdatedResult;
import io.merapi.execution.txpool.PoolListener;
import io.merapi.execution.txpool.TransactionPool;
import io.merapi.types.config.Fork;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadStatus;
import io.merapi.types.transaction.Transaction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev chain's block producer, a stand-in consensus client in the manner of geth's simulated
 * beacon: each block goes through the Engine API's own loop — {@code forkchoiceUpdated} with
 * attributes, {@code getPayload}, {@code newPayload}, {@code forkchoiceUpdated} to the new block,
 * with the safe and finalized labels moved along their {@link FinalitySchedule}. Blocks come every
 * {@code period}, or with a zero period as soon as transactions become pending. Built blocks keep
 * the sidecars of their blob transactions (the engine stores them with the block).
 *
 * <p>Attributes: the timestamp is the start of the current beacon slot ({@link SlotClock}), or of
 * the slot after the parent's when blocks come faster; prevRandao and the parent beacon block root
 * are hashes of the parent's hash (there is no beacon chain); no withdrawals.
 *
 * <p>Scripts move the chain's time as on anvil and Hardhat: {@link #increaseTime} shifts the clock
 * the timestamps are taken from, {@link #setNextTimestamp} stamps the next block (later ones go on
 * from there); without them the timestamps are the slots' as above. {@link #revert} takes the
 * chain, the pool and the time back to a {@link #snapshot}.
 */
public final class DevMiner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevMiner.class);

  private final EngineApi engine;
  private final TransactionPool pool;
  private final Duration period;
  private final SlotClock slots;
  private final FinalitySchedule finality;
  private final Address feeRecipient;
  private final DevBalances balances;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final PoolListener onPending = this::onPending;
  private final java.util.concurrent.locks.ReentrantLock mining =
      new java.util.concurrent.locks.ReentrantLock();
  private volatile boolean running;

  // Guarded by mining: the seconds added to the clock, and the next block's timestamp if set.
  private long timeOffset;
  private OptionalLong nextTimestamp = OptionalLong.empty();

  public DevMiner(
      EngineApi engine,
      TransactionPool pool,
      Duration period,
      FinalitySchedule finality,
      Address feeRecipient,
      DevBalances balances,
      Clock clock) {
    this.engine = engine;
    this.balances = balances;
    this.pool = pool;
    this.period = period;
    this.slots = SlotClock.of(engine.chain().genesis().header().timestamp(), period);
    this.finality = finality;
    this.feeRecipient = feeRecipient;
    this.clock = clock;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "dev-miner");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts producing blocks: on a timer, or on pending transactions when the period is zero. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    if (period.isZero()) {
      pool.addListener(onPending);
      if (!pool.ordered(pool.pendingBaseFee()).isEmpty()) {
        request(); // transactions left from before a restart
      }
    } else {
      scheduleNextSlot();
    }
  }

  /**
   * Seals at the start of the next slot, then again at the one after: a block appears when its slot
   * begins and the head's timestamp is never more than a slot behind the clock. (A fixed rate from
   * whenever the node started would seal up to a slot late: clients that compare block timestamps
   * with the clock, like viem's waitToFinalize, then act a slot too early.)
   */
  private void scheduleNextSlot() {
    synchronized (this) {
      if (!running) {
        return;
      }
      try {
        executor.schedule(
            () -> {
              mineQuietly();
              scheduleNextSlot();
            },
            slots.millisUntilNextSlot(clock.millis()),
            TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // close() shut the executor down between the check and the schedule.
      }
    }
  }

  private void onPending(List<Transaction> transactions) {
    request();
  }

  /** Asks for a block soon; requests made while one is being sealed give one more block. */
  private void request() {
    if (running && requested.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            requested.set(false);
            ChainHead sealed = minePendingQuietly();
            // A block that filled up leaves transactions behind; seal on while it includes some.
            if (sealed != null
                && !engine.chain().body(sealed.hash()).orElseThrow().transactions().isEmpty()
                && !pool.ordered(pool.pendingBaseFee()).isEmpty()) {
              request();
            }
          });
    }
  }

  /**
   * Seals a block if the pool holds pending transactions when the producer gets to it: they may
   * have gone into a block sealed meanwhile, or been dropped by {@link #revert} (which holds the
   * same lock while it rewinds and empties the pool).
   */
  private ChainHead minePendingQuietly() {
    mining.lock();
    try {
      if (pool.ordered(pool.pendingBaseFee()).isEmpty()) {
        return null;
      }
      return mineQuietly();
    } finally {
      mining.unlock();
    }
  }

  private ChainHead mineQuietly() {
    try {
      return mine();
    } catch (RuntimeException e) {
      LOG.error("dev block production failed", e);
      return null;
    }
  }

  /**
   * Seals one block now with what the pool holds, through the Engine API, makes it the head and
   * moves safe and finalized along the schedule.
   *
   * @return the new head
   * @throws IllegalStateException if the engine refuses the block it built
   */
  public ChainHead mine() {
    mining.lock();
    try {
      return mineLocked();
    } finally {
      mining.unlock();
    }
  }

  private ChainHead mineLocked() {
    Blockchain chain = engine.chain();
    ChainHead parent = chain.head();
    // What the build will set: once its block is the head, these are done.
    Map<Address, UInt256> setBalances = balances.waiting();
    long timestamp = nextTimestamp(parent.header().timestamp());
    Fork fork = chain.rules().fork(parent.number() + 1, timestamp);
    int version = fork.isAtLeast(Fork.CANCUN) ? 3 : fork.isAtLeast(Fork.SHANGHAI) ? 2 : 1;
    Optional<Hash> beaconRoot =
        version == 3 ? Optional.of(beaconRoot(parent.hash())) : Optional.empty();
    PayloadAttributes attributes =
        PayloadAttributes.of(
            timestamp,
            derived("prevrandao", parent.hash()),
            feeRecipient,
            version >= 2 ? Optional.of(List.of()) : Optional.empty(),
            beaconRoot);
    ForkchoiceState current =
        new ForkchoiceState(
            parent.hash(),
            chain.safe().map(ChainHead::hash).orElse(Hash.ZERO),
            chain.finalized().map(ChainHead::hash).orElse(Hash.ZERO));
    ForkchoiceUpdatedResult started =
        engine.forkchoiceUpdated(version, current, Optional.of(attributes));
    BuiltPayload built =
        engine.getPayload(
            version,
            started
                .payloadId()
                .orElseThrow(
                    () ->
                        new IllegalStateException("no build started: " + started.payloadStatus())));
    ExecutionPayload payload = built.executionPayload();
    PayloadStatus status =
        engine.newPayload(
            version,
            payload,
            version == 3
                ? Optional.of(ExecutionPayload.blobVersionedHashes(built.sealed().block()))
                : Optional.empty(),
            beaconRoot);
    if (status.status() != PayloadStatus.Status.VALID) {
      throw new IllegalStateException("the engine refused its own block: " + status);
    }
    Hash hash = payload.blockHash();
    FinalitySchedule.Labels labels =
        finality.next(
            payload.blockNumber(),
            chain.safe().map(ChainHead::number).orElse(0L),
            chain.finalized().map(ChainHead::number).orElse(0L));
    engine.forkchoiceUpdated(
        version,
        new ForkchoiceState(
            hash,
            labelHash(chain, labels.safe(), payload),
            labelHash(chain, labels.finalized(), payload)),
        Optional.empty());
    ChainHead head = chain.head();
    balances.setBy(setBalances);
    LOG.info(
        "sealed block #{} {} with {} transactions, gas used {}",
        head.number(),
        head.hash(),
        payload.transactions().size(),
        payload.gasUsed());
    return head;
  }

  /**
   * The timestamp of a block on a parent stamped {@code parentTimestamp}: the one set with {@link
   * #setNextTimestamp} (the clock then goes on from it), else the slot's on the shifted clock.
   */
  private long nextTimestamp(long parentTimestamp) {
    long now = clock.instant().getEpochSecond();
    if (nextTimestamp.isPresent()
        && Long.compareUnsigned(nextTimestamp.getAsLong(), parentTimestamp) > 0) {
      long timestamp = nextTimestamp.getAsLong();
      nextTimestamp = OptionalLong.empty();
      timeOffset = timestamp - now;
      return timestamp;
    }
    // A set timestamp the head has passed since (a block sealed on the timer) is dropped.
    nextTimestamp = OptionalLong.empty();
    return slots.nextTimestamp(parentTimestamp, now + timeOffset);
  }

  /**
   * Moves the clock the timestamps are taken from {@code seconds} ahead ({@code evm_increaseTime}).
   *
   * @return the whole shift so far, in seconds
   */
  public long increaseTime(long seconds) {
    mining.lock();
    try {
      timeOffset = Math.addExact(timeOffset, seconds);
      LOG.info("dev chain clock moved {} s ahead ({} s in all)", seconds, timeOffset);
      return timeOffset;
    } finally {
      mining.unlock();
    }
  }

  /**
   * Stamps the next block {@code timestamp} ({@code evm_setNextBlockTimestamp}); the blocks after
   * it go on from there.
   *
   * @throws IllegalArgumentException if the head is not older than {@code timestamp}
   */
  public void setNextTimestamp(long timestamp) {
    mining.lock();
    try {
      long head = engine.chain().head().header().timestamp();
      if (Long.compareUnsigned(timestamp, head) <= 0) {
        throw new IllegalArgumentException(
            "timestamp "
                + Long.toUnsignedString(timestamp)
                + " is not after the head's "
                + Long.toUnsignedString(head));
      }
      nextTimestamp = OptionalLong.of(timestamp);
    } finally {
      mining.unlock();
    }
  }

  /** What {@link #revert} goes back to: the head and the time settings. */
  public record Snapshot(ChainHead head, long timeOffset, OptionalLong nextTimestamp) {}

  /** The head and time settings now ({@code evm_snapshot}). */
  public Snapshot snapshot() {
    mining.lock();
    try {
      return new Snapshot(engine.chain().head(), timeOffset, nextTimestamp);
    } finally {
      mining.unlock();
    }
  }

  /**
   * Goes back to {@code snapshot} ({@code evm_revert}): the chain rewound to its head, the time
   * settings as they were, and the pool and the waiting balances emptied (they came later; the
   * transactions of the dropped blocks do not come back).
   *
   * @throws IllegalStateException if the snapshot's head is no longer on the chain
   */
  public ChainHead revert(Snapshot snapshot) {
    mining.lock();
    try {
      Blockchain chain = engine.chain();
      ChainHead target = snapshot.head();
      if (!chain.canonicalHash(target.number()).map(target.hash()::equals).orElse(false)) {
        throw new IllegalStateException(
            "the snapshot's block #" + target.number() + " is no longer on the chain");
      }
      ChainHead head = rewindLocked(target.number());
      int dropped = pool.clear();
      balances.clear();
      timeOffset = snapshot.timeOffset();
      nextTimestamp = snapshot.nextTimestamp();
      LOG.info("dev chain reverted to #{}; {} pooled transactions dropped", head.number(), dropped);
      return head;
    } finally {
      mining.unlock();
    }
  }

  /** The new block itself, or its ancestor on the canonical chain it extends. */
  private static Hash labelHash(Blockchain chain, long number, ExecutionPayload payload) {
    if (number == payload.blockNumber()) {
      return payload.blockHash();
    }
    return chain
        .canonicalHash(number)
        .orElseThrow(() -> new IllegalStateException("no canonical block " + number));
  }

  /**
   * Rewinds the chain to its block {@code number} ({@code debug_setHead}) between two blocks, so
   * that the next block builds on it; safe and finalized come down with it if they were above.
   *
   * @return the new head
   * @throws IllegalArgumentException if {@code number} is above the head
   */
  public ChainHead rewind(long number) {
    mining.lock();
    try {
      return rewindLocked(number);
    } finally {
      mining.unlock();
    }
  }

  private ChainHead rewindLocked(long number) {
    ChainHead before = engine.chain().head();
    // Builds read the head state, which is about to move; and a build on the new head with the
    // same attributes as one before the rewind must see the pool as it is now.
    engine.builder().discardJobs();
    ChainHead head = engine.chain().rewind(number);
    LOG.info("dev chain rewound from #{} to #{} {}", before.number(), head.number(), head.hash());
    return head;
  }

  /**
   * The beacon block root that stands for block {@code blockHash}: what its children carry as
   * parent beacon block root (EIP-4788), and how the dev beacon API names the block.
   */
  public static Hash beaconRoot(Hash blockHash) {
    return derived("beacon root", blockHash);
  }

  /** The beacon slots the produced blocks are stamped on. */
  public SlotClock slots() {
    return slots;
  }

  private static Hash derived(String what, Hash parent) {
    byte[] label = what.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] input = new byte[label.length + Hash.LENGTH];
    System.arraycopy(label, 0, input, 0, label.length);
    System.arraycopy(parent.array(), 0, input, label.length, Hash.LENGTH);
    return Keccak256.digest(input);
  }

  /** Stops producing blocks (the block in progress finishes). */
  @Override
  public void close() {
    synchronized (this) {
      running = false;
    }
    pool.removeListener(onPending);
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
