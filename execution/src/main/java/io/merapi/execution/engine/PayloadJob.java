package io.merapi.execution.engine;

import io.merapi.base.bytes.Hash;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One payload build process (execution-apis "Payload building"): it starts with a block without
 * pool transactions, then refills the block from the pool in the background and keeps the version
 * that pays the fee recipient most, until {@link #resolve} (getPayload) or its build time ends. The
 * first filled version cannot be interrupted and {@link #resolve} waits for it, so a payload asked
 * for right after the build started still holds what the pool had then.
 */
public final class PayloadJob {
  /** How long {@link #resolve} waits for the first filled version before taking what it has. */
  static final long FIRST_BUILD_WAIT_SECONDS = 10;

  private final PayloadId id;
  private final Hash parent;
  private final BlockAttributes attributes;
  private final List<Transaction> forced;
  private final boolean usePool;
  private final long deadlineNanos;
  private final CompletableFuture<Void> firstFull = new CompletableFuture<>();
  private BuiltPayload best;
  private boolean full;
  private volatile boolean resolved;
  private volatile boolean stopped;

  PayloadJob(
      PayloadId id,
      Hash parent,
      BlockAttributes attributes,
      List<Transaction> forced,
      boolean usePool,
      BuiltPayload empty,
      long deadlineNanos) {
    this.id = id;
    this.parent = parent;
    this.attributes = attributes;
    this.forced = List.copyOf(forced);
    this.usePool = usePool;
    this.best = empty;
    this.deadlineNanos = deadlineNanos;
    if (!usePool) {
      // Built from the forced transactions alone: the first version is the final one.
      full = true;
      firstFull.complete(null);
    }
  }

  public PayloadId id() {
    return id;
  }

  public Hash parent() {
    return parent;
  }

  BlockAttributes attributes() {
    return attributes;
  }

  List<Transaction> forced() {
    return forced;
  }

  boolean usesPool() {
    return usePool;
  }

  /** The best version so far. */
  public synchronized BuiltPayload best() {
    return best;
  }

  /**
   * Stops refilling and returns the best version, after waiting for the first filled one
   * (getPayload). Safe to call repeatedly.
   */
  public BuiltPayload resolve() {
    resolved = true;
    try {
      firstFull.get(FIRST_BUILD_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Fall back to the version we have (at least the empty block).
    }
    return best();
  }

  /** Whether refills should stop: resolved, stopped for a head change, or past the build time. */
  boolean finished() {
    return resolved || stopped || System.nanoTime() - deadlineNanos > 0;
  }

  /** Whether a refill in progress should give up (never the first one). */
  synchronized boolean interrupted() {
    return full && (resolved || stopped);
  }

  /** Ends refills (the head is about to change). */
  void stop() {
    stopped = true;
  }

  /** Takes a new version: always the first filled one, later ones only if they pay more. */
  synchronized void offer(BuiltPayload candidate) {
    if (!full) {
      best = candidate;
    } else if (!resolved && candidate.blockValue().compareTo(best.blockValue()) > 0) {
      best = candidate;
    }
  }

  synchronized boolean firstBuildIsDone() {
    return full;
  }

  /** The first filled version is in (or failed): {@link #resolve} may return. */
  void firstBuildDone() {
    synchronized (this) {
      full = true;
    }
    firstFull.complete(null);
  }

  Optional<BuiltPayload> bestIfHash(Hash blockHash) {
    BuiltPayload current = best();
    return current.sealed().hash().equals(blockHash) ? Optional.of(current) : Optional.empty();
  }
}
