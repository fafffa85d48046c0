package io.merapi.execution.engine;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.execution.chain.BlockAttributes;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.execution.txpool.BlockFiller;
import io.merapi.execution.txpool.TransactionPool;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.state.block.PendingBlock;
import io.merapi.state.op.Eip1559Params;
import io.merapi.state.op.OpChainRules;
import io.merapi.types.block.Header;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds payloads as geth's miner does for the Engine API: {@link #start} seals a block with only
 * the forced transactions at once (so bad attributes fail the call), then one background thread
 * fills it from the pool by effective tip, refilling every {@link BuilderConfig#recommit()} while
 * the build time lasts; the last {@value #MAX_JOBS} builds are kept for {@code getPayload}.
 *
 * <p>Builds read the parent's state while they run. The chain's head state follows the head, so
 * whoever moves the head calls {@link #quiesce} first: it ends every refill and waits for the one
 * running.
 */
public final class PayloadBuilder implements MeterBinder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PayloadBuilder.class);
  static final int MAX_JOBS = 10;

  private final Blockchain chain;
  private final Optional<TransactionPool> pool;
  private final BuilderConfig config;
  private final StateEdits edits;
  private final ScheduledExecutorService executor;
  private final Map<PayloadId, PayloadJob> jobs = new LinkedHashMap<>();
  private volatile Optional<MeterRegistry> registry = Optional.empty();

  /** A builder filling payloads from {@code pool}, or from forced transactions only if empty. */
  public PayloadBuilder(Blockchain chain, Optional<TransactionPool> pool, BuilderConfig config) {
    this(chain, pool, config, "payload-builder");
  }

  /** ...whose thread is called {@code threadName}. */
  public PayloadBuilder(
      Blockchain chain, Optional<TransactionPool> pool, BuilderConfig config, String threadName) {
    this(chain, pool, config, threadName, StateEdits.NONE);
  }

  /** ...that applies {@code edits} before each build's transactions (the dev chain). */
  public PayloadBuilder(
      Blockchain chain,
      Optional<TransactionPool> pool,
      BuilderConfig config,
      String threadName,
      StateEdits edits) {
    this.chain = chain;
    this.pool = pool;
    this.config = config;
    this.edits = edits;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  public BuilderConfig config() {
    return config;
  }

  /**
   * Starts building on the stored block {@code parent}.
   *
   * @throws InvalidBlockException if the attributes do not fit the parent and the chain's rules, or
   *     a forced transaction is refused
   * @throws io.merapi.execution.chain.UnknownBlockException if the parent is not stored
   */
  public PayloadJob start(PayloadId id, Hash parent, PayloadAttributes attributes) {
    Header parentHeader =
        chain
            .header(parent)
            .orElseThrow(
                () ->
                    new io.merapi.execution.chain.UnknownBlockException(
                        parent, "unknown parent " + parent));
    BlockAttributes block =
        new BlockAttributes(
            attributes.timestamp(),
            attributes.suggestedFeeRecipient(),
            attributes.prevRandao(),
            attributes.gasLimit().orElse(config.gasLimit(parentHeader.gasLimit())),
            extraData(parentHeader, attributes),
            attributes.withdrawals(),
            attributes.parentBeaconBlockRoot());
    List<Transaction> forced = new ArrayList<>(attributes.transactions().size());
    for (int i = 0; i < attributes.transactions().size(); i++) {
      try {
        forced.add(TransactionDecoder.decode(attributes.transactions().get(i).array()));
      } catch (RlpException e) {
        throw new InvalidBlockException("transaction " + i + " is not valid: " + e.getMessage());
      }
    }
    boolean usePool = pool.isPresent() && !attributes.noTxPool();
    PayloadJob job;
    synchronized (this) {
      PayloadJob existing = jobs.get(id);
      if (existing != null) {
        return existing;
      }
      BuiltPayload empty = build(parent, block, forced, false, () -> false);
      job =
          new PayloadJob(
              id,
              parent,
              block,
              forced,
              usePool,
              empty,
              System.nanoTime() + config.buildTime().toNanos());
      jobs.put(id, job);
      if (jobs.size() > MAX_JOBS) {
        Iterator<PayloadJob> oldest = jobs.values().iterator();
        oldest.next().stop();
        oldest.remove();
      }
    }
    if (usePool) {
      executor.execute(() -> refill(job));
    }
    LOG.debug("started payload {} on {}", id, parent);
    return job;
  }

  /**
   * The header's extra data: the configured bytes on L1; on an OP Stack chain from Holocene the
   * EIP-1559 parameters of the attributes (holocene/exec-engine.md), empty before.
   */
  private Bytes extraData(Header parent, PayloadAttributes attributes) {
    if (!(chain.rules() instanceof OpChainRules op)) {
      return config.extraData();
    }
    try {
      return op.extraData(
          parent.number() + 1,
          attributes.timestamp(),
          attributes.eip1559Params().map(Eip1559Params::fromAttributes));
    } catch (IllegalArgumentException e) {
      throw new InvalidBlockException(e.getMessage(), e);
    }
  }

  private void refill(PayloadJob job) {
    boolean firstDone = job.firstBuildIsDone();
    if (firstDone && job.finished()) {
      return;
    }
    try {
      BuiltPayload result =
          build(job.parent(), job.attributes(), job.forced(), true, job::interrupted);
      if (result != null) {
        job.offer(result);
      }
    } catch (RuntimeException e) {
      LOG.warn("building payload {} failed: {}", job.id(), e.toString());
    } finally {
      if (!firstDone) {
        job.firstBuildDone();
      }
    }
    if (!job.finished()) {
      executor.schedule(() -> refill(job), config.recommit().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * One version of a payload: the forced transactions, then (if {@code fromPool}) the pool's.
   *
   * @return null if {@code interrupted} stopped the filling
   */
  private BuiltPayload build(
      Hash parent,
      BlockAttributes attributes,
      List<Transaction> forced,
      boolean fromPool,
      BooleanSupplier interrupted) {
    long start = System.nanoTime();
    BlockBuilder builder = chain.newBlock(parent, attributes);
    edits.apply(builder.parent(), builder.pending().state());
    BlockFiller filler = new BlockFiller(builder);
    for (int i = 0; i < forced.size(); i++) {
      if (filler.add(forced.get(i)) instanceof PendingBlock.Inclusion.Rejected rejected) {
        throw new InvalidBlockException(
            "failed to force-include transaction " + i + ": " + rejected.reason());
      }
    }
    if (fromPool
        && !filler.fill(
            pool.orElseThrow().ordered(builder.template().baseFeePerGas().orElseThrow()),
            interrupted)) {
      return null;
    }
    SealedBlock sealed = builder.seal();
    registry.ifPresent(
        r ->
            Timer.builder("engine.payload.build")
                .description("building one version of a payload")
                .register(r)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    return new BuiltPayload(sealed, filler.fees(), filler.sidecars());
  }

  public synchronized Optional<PayloadJob> job(PayloadId id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /**
   * A block this builder sealed and handed out, with its blob sidecars, so that importing it needs
   * no re-execution and its blobs can be kept.
   */
  public synchronized Optional<BuiltPayload> builtPayload(Hash blockHash) {
    for (PayloadJob job : jobs.values()) {
      Optional<BuiltPayload> built = job.bestIfHash(blockHash);
      if (built.isPresent()) {
        return built;
      }
    }
    return Optional.empty();
  }

  /**
   * Ends and forgets every build (after a rewind): the same parent and attributes asked for again
   * then build anew from the pool instead of returning the payload built before the rewind.
   */
  public void discardJobs() {
    quiesce();
    synchronized (this) {
      jobs.clear();
    }
  }

  /** Ends every refill and waits for the build in progress, before the head moves. */
  public void quiesce() {
    synchronized (this) {
      jobs.values().forEach(PayloadJob::stop);
    }
    try {
      executor.submit(() -> {}).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("payload builder failed", e.getCause());
    }
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    registry = Optional.of(meters);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
