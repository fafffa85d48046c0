package io.merapi.node.driver;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.AttributesBuilder;
import io.merapi.derive.attributes.L1OriginSelector;
import io.merapi.derive.pipeline.DerivationPipeline;
import io.merapi.derive.pipeline.L2Heads;
import io.merapi.derive.pipeline.StepResult;
import io.merapi.derive.pipeline.SyncStart;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.node.client.BlockLabel;
import io.merapi.node.engine.Engine;
import io.merapi.node.engine.L2Client;
import io.merapi.node.l1.ConfirmationDepth;
import io.merapi.node.l1.L1Client;
import io.merapi.node.metrics.NodeMetrics;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rollup node's driver (op-node's {@code Driver}): one thread that follows L1, steps the
 * derivation pipeline, applies what it derives through the {@link EngineController}, sequences
 * blocks when it is the sequencer, inserts unsafe blocks posted to it, moves finality with L1's,
 * and resets on L1 reorgs. RPC threads talk to it through {@link NodeControl}, whose calls run on
 * the driver's thread.
 *
 * <p>Failures: temporary ones (an L1, beacon node or engine not answering, an engine that is
 * syncing) are retried with exponential backoff; a reset finds the heads again with {@link
 * SyncStart} and restarts the pipeline; a critical one is logged and retried after a long pause,
 * since the operator may fix the L1 or engine under a running node.
 */
public final class Driver implements NodeControl, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Driver.class);

  /** Pipeline steps per loop turn before looking at commands, L1 and the sequencer again. */
  private static final int STEPS_PER_TURN = 256;

  private static final long MIN_BACKOFF_MILLIS = 50;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final long CRITICAL_PAUSE_MILLIS = 10_000;

  /** How far back an L1 reorg's depth is measured (deeper ones are reported as this). */
  private static final int MAX_REORG_WALK = 256;

  /** Unsafe payloads held until their parent is the unsafe head (op-node's payload queue). */
  private static final int MAX_QUEUED_PAYLOADS = 1024;

  static final L1BlockRef ZERO_L1 = new L1BlockRef(Hash.ZERO, 0, Hash.ZERO, 0);

  private final RollupConfig config;
  private final L1Client l1;
  private final L2Client l2;
  private final DriverConfig driverConfig;
  private final Clock clock;
  private final NodeMetrics metrics;
  private final EngineController engine;
  private final DerivationPipeline pipeline;
  private final Sequencer sequencer;
  private final Finalizer finalizer = new Finalizer();
  private final BlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
  private final TreeMap<Long, ExecutionPayloadEnvelope> unsafePayloads = new TreeMap<>();
  private final CauseLog causes = new CauseLog(LOG);
  private final List<Consumer<ExecutionPayloadEnvelope>> sequenced = new CopyOnWriteArrayList<>();
  private final Thread thread;

  private volatile boolean running;
  private volatile boolean initialized;
  private volatile L1BlockRef headL1 = ZERO_L1;
  private volatile L1BlockRef safeL1 = ZERO_L1;
  private volatile L1BlockRef finalizedL1 = ZERO_L1;
  private volatile L1BlockRef currentL1 = ZERO_L1;
  private volatile boolean sequencerActive;

  /** Derived attributes the engine has not taken yet (it failed temporarily): applied first. */
  private Optional<AttributesWithParent> unapplied = Optional.empty();

  private SyncStatus lastReported;
  private long nextL1PollMillis;
  private boolean derivationIdle;
  private long backoffMillis;

  public Driver(
      RollupConfig config,
      L1Client l1,
      BlobSource blobs,
      Engine engineApi,
      L2Client l2,
      DriverConfig driverConfig,
      List<SafeHeadListener> listeners,
      NodeMetrics metrics,
      Clock clock) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.config = Objects.requireNonNull(config, "config");
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.l2 = Objects.requireNonNull(l2, "l2");
    this.driverConfig = Objects.requireNonNull(driverConfig, "driverConfig");
    this.clock = Objects.requireNonNull(clock, "clock");
    Supplier<Optional<L1BlockRef>> head =
        () -> headL1.equals(ZERO_L1) ? Optional.empty() : Optional.of(headL1);
    L2BlockRef genesisPlaceholder =
        new L2BlockRef(
            config.genesis().l2().hash(),
            config.genesis().l2().number(),
            Hash.ZERO,
            config.genesis().l2Time(),
            new RollupConfig.BlockId(config.genesis().l1().hash(), config.genesis().l1().number()),
            0);
    this.engine = new EngineController(config, engineApi, l2, genesisPlaceholder);
    this.engine.addListener(finalizer);
    listeners.forEach(engine::addListener);
    ConfirmationDepth verifierL1 = new ConfirmationDepth(l1, driverConfig.verifierConfs(), head);
    this.pipeline = new DerivationPipeline(config, verifierL1, blobs, l2);
    ConfirmationDepth sequencerL1 = new ConfirmationDepth(l1, driverConfig.sequencerConfs(), head);
    this.sequencer =
        new Sequencer(
            config,
            engine,
            new L1OriginSelector(config, sequencerL1),
            new AttributesBuilder(config, l1, l2),
            driverConfig.sequencerEnabled() && !driverConfig.sequencerStopped());
    this.sequencerActive = sequencer.active();
    this.thread = Thread.ofPlatform().name("driver").daemon(false).unstarted(this::run);
  }

  /** Tells {@code listener} of each block this node sequences (to publish it to other nodes). */
  public void addSequencedListener(Consumer<ExecutionPayloadEnvelope> listener) {
    sequenced.add(listener);
  }

  /** Names the driver's thread (before {@link #start}): nodes in one process tell theirs apart. */
  public void nameThread(String name) {
    thread.setName(name);
  }

  /** Starts the driver's thread. */
  public void start() {
    running = true;
    thread.start();
  }

  /** Stops the driver's thread, letting a step in progress finish. */
  @Override
  public void close() {
    running = false;
    commands.add(() -> {});
    try {
      thread.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- the loop --------------------------------------------------------------------------------

  private void run() {
    LOG.info(
        "Driver started: {} (sequencer confs {}, verifier confs {})",
        driverConfig.sequencerEnabled() ? "sequencer" : "verifier",
        driverConfig.sequencerConfs(),
        driverConfig.verifierConfs());
    while (running) {
      try {
        if (!initialized) {
          initialize();
        }
        turn();
        causes.recovered();
        backoffMillis = 0;
      } catch (DerivationException.Temporary e) {
        metrics.recordDerivationError();
        causes.failed("Temporary failure", e);
        pause(nextBackoff());
      } catch (DerivationException.Reset e) {
        metrics.recordPipelineReset();
        LOG.warn("Resetting derivation: {}", e.getMessage());
        try {
          reset();
        } catch (DerivationException.Temporary t) {
          causes.failed("Reset postponed", t);
          pause(nextBackoff());
        } catch (RuntimeException r) {
          LOG.error("Reset failed: {}", r.getMessage(), r);
          pause(CRITICAL_PAUSE_MILLIS);
        }
      } catch (DerivationException.Critical e) {
        metrics.recordDerivationError();
        LOG.error("Critical derivation failure, retrying in 10s: {}", e.getMessage());
        initialized = false;
        pause(CRITICAL_PAUSE_MILLIS);
      } catch (RuntimeException e) {
        LOG.error("Driver error, retrying: {}", e.toString(), e);
        pause(nextBackoff());
      }
    }
    LOG.info("Driver stopped");
  }

  /** Reads the engine's heads, finds where derivation starts and points the engine there. */
  private void initialize() {
    pollL1();
    L2BlockRef genesis = l2.l2BlockRefByHash(config.genesis().l2().hash());
    L2Heads fromEngine = engine.engineHeads(genesis);
    L2Heads start = SyncStart.findL2Heads(config, l1, l2, fromEngine);
    engine.resetTo(start);
    pipeline.reset();
    unapplied = Optional.empty();
    sequencer.cancel();
    initialized = true;
    derivationIdle = false;
    LOG.info(
        "Starting from unsafe {}, safe {}, finalized {}",
        start.unsafe().id(),
        start.safe().id(),
        start.finalized().id());
  }

  private void reset() {
    L2Heads current = engine.heads().forkchoice();
    L2Heads target = SyncStart.findL2Heads(config, l1, l2, current);
    engine.resetTo(target);
    pipeline.reset();
    unapplied = Optional.empty();
    sequencer.cancel();
    derivationIdle = false;
    LOG.info(
        "Reset to unsafe {}, safe {}, finalized {}",
        target.unsafe().id(),
        target.safe().id(),
        target.finalized().id());
  }

  private void turn() {
    runCommands();
    long now = clock.millis();
    if (now >= nextL1PollMillis) {
      pollL1();
      nextL1PollMillis = now + driverConfig.l1PollInterval().toMillis();
    }
    insertUnsafePayloads();
    if (sequencer.nextActionMillis() <= clock.millis()) {
      long started = System.nanoTime();
      Optional<EngineController.BuildResult.Built> sealed = sequencer.act(clock.millis());
      if (sealed.isPresent()) {
        metrics.recordSequencerSealing(java.time.Duration.ofNanos(System.nanoTime() - started));
      }
      sealed.ifPresent(
          b -> {
            derivationIdle = false;
            sequenced.forEach(listener -> listener.accept(b.envelope()));
          });
    }
    if (!derivationIdle) {
      stepDerivation();
    }
    finalizeSafeBlocks();
    long wait =
        Math.min(
            nextL1PollMillis - clock.millis(),
            sequencer.nextActionMillis() == Long.MAX_VALUE
                ? Long.MAX_VALUE
                : sequencer.nextActionMillis() - clock.millis());
    if (!derivationIdle) {
      wait = 0;
    }
    metrics.setDerivationIdle(derivationIdle);
    SyncStatus status = syncStatus();
    if (!status.equals(lastReported)) {
      metrics.recordSyncStatus(status);
      lastReported = status;
    }
    if (wait > 0) {
      awaitCommand(wait);
    }
  }

  /** Steps derivation until it waits for L1 or a turn's worth of steps is done. */
  private void stepDerivation() {
    if (unapplied.isPresent()) {
      applyDerived(unapplied.get());
      unapplied = Optional.empty();
    }
    for (int i = 0; i < STEPS_PER_TURN && running; i++) {
      StepResult result = pipeline.step(engine.heads().pendingSafe());
      currentL1 = pipeline.origin();
      switch (result) {
        case StepResult.Attributes a -> {
          // Kept until the engine took them: the pipeline hands each attributes out once, and
          // losing them to an engine that is down would leave derivation waiting for a parent
          // that never comes.
          unapplied = Optional.of(a.attributes());
          applyDerived(a.attributes());
          unapplied = Optional.empty();
        }
        case StepResult.AdvancedOrigin a -> {}
        case StepResult.Progress p -> {}
        case StepResult.Idle idle -> {
          derivationIdle = true;
          return;
        }
      }
    }
  }

  private void applyDerived(AttributesWithParent derived) {
    switch (engine.applyDerived(derived)) {
      case EngineController.BuildResult.Built built -> {
        if (derived.concluding()) {
          LOG.debug("Safe head {} from L1 {}", built.ref().id(), derived.derivedFrom().id());
        }
      }
      case EngineController.BuildResult.Invalid invalid -> {
        LOG.warn(
            "Derived block after {} is invalid ({}), from L1 {}",
            derived.parent().id(),
            invalid.reason(),
            derived.derivedFrom().id());
        if (config.isActive(OpFork.HOLOCENE, derived.derivedFrom().time())) {
          AttributesWithParent depositsOnly =
              pipeline.depositsOnlyAttributes(derived.parent().id(), derived.derivedFrom());
          if (engine.applyDerived(depositsOnly) instanceof EngineController.BuildResult.Invalid i) {
            throw new DerivationException.Critical(
                "deposits-only block after "
                    + derived.parent().id()
                    + " is invalid: "
                    + i.reason());
          }
        } else {
          engine.dropPendingSafe();
        }
      }
    }
  }

  // ---- L1 --------------------------------------------------------------------------------------

  /**
   * Reads the L1's head, safe and finalized blocks. A head that no longer extends the one seen
   * before, or that is now behind the pipeline's origin, means an L1 reorg: if the pipeline's
   * origin is gone from the canonical chain, derivation resets.
   */
  private void pollL1() {
    Optional<L1BlockRef> head = l1.blockRefByLabel(BlockLabel.LATEST);
    if (head.isEmpty()) {
      throw new DerivationException.Temporary("L1 has no head block");
    }
    L1BlockRef previous = headL1;
    headL1 = head.get();
    if (!headL1.equals(previous)) {
      derivationIdle = false;
      boolean extends_ = headL1.parentHash().equals(previous.hash());
      if (!previous.equals(ZERO_L1) && !extends_ && initialized) {
        long depth = reorgDepth(previous);
        if (depth > 0) {
          metrics.recordL1Reorg(depth);
          LOG.warn("L1 reorg of depth {}: head {} replaced {}", depth, headL1.id(), previous.id());
        }
        checkOriginCanonical();
      }
      if (initialized) {
        checkUnsafeOriginCanonical();
      }
    }
    safeL1 = l1.blockRefByLabel(BlockLabel.SAFE).orElse(ZERO_L1);
    L1BlockRef finalized = l1.blockRefByLabel(BlockLabel.FINALIZED).orElse(ZERO_L1);
    finalizedL1 = finalized;
  }

  /**
   * Finalizes the highest safe block derived from finalized L1 data (specs derivation.md
   * "Finalization"), checked every turn: new safe heads from old L1 data become final at once. If
   * the engine does not take it, the same block is tried again next turn.
   */
  private void finalizeSafeBlocks() {
    L1BlockRef finalized = finalizedL1;
    if (!initialized || finalized.equals(ZERO_L1)) {
      return;
    }
    Optional<L2BlockRef> next = finalizer.finalizable(finalized);
    if (next.isPresent()
        && Long.compareUnsigned(next.get().number(), engine.heads().finalized().number()) > 0) {
      engine.finalize(next.get());
      finalizer.finalized(next.get());
    }
  }

  /** How many blocks of the chain that ended at {@code previous} are no longer canonical. */
  private long reorgDepth(L1BlockRef previous) {
    L1BlockRef block = previous;
    for (long depth = 0; depth < MAX_REORG_WALK; depth++) {
      Optional<L1BlockRef> canonical = l1.blockRefByNumber(block.number());
      if (canonical.isPresent() && canonical.get().equals(block)) {
        return depth;
      }
      if (block.number() == 0) {
        return depth + 1;
      }
      block = l1.blockRefByHash(block.parentHash());
    }
    return MAX_REORG_WALK;
  }

  private void checkOriginCanonical() {
    if (pipeline.isResetting()) {
      // The next step finds the origin anew from the safe head; until then origin() is stale (or,
      // before the first step, a placeholder that no canonical block equals).
      return;
    }
    L1BlockRef origin = pipeline.origin();
    Optional<L1BlockRef> canonical = l1.blockRefByNumber(origin.number());
    if (canonical.isEmpty() || !canonical.get().equals(origin)) {
      throw new DerivationException.Reset(
          "L1 reorg: derivation origin " + origin.id() + " is no longer canonical");
    }
  }

  /**
   * An unsafe head whose L1 origin the L1 has replaced can never become safe: a batch must name a
   * canonical L1 origin. After a reorg such a head is kept while the new branch is shorter than its
   * origin (it may yet turn out canonical); once the branch passes that height, resetting walks the
   * unsafe chain back to the last block on a canonical origin. Without this a verifier would hold
   * the orphaned blocks until derivation reached their height, possibly a sequencing window later.
   */
  private void checkUnsafeOriginCanonical() {
    L2BlockRef unsafe = engine.heads().unsafe();
    if (Long.compareUnsigned(unsafe.l1Origin().number(), headL1.number()) > 0) {
      return;
    }
    Optional<L1BlockRef> canonical = l1.blockRefByNumber(unsafe.l1Origin().number());
    if (canonical.isPresent() && !canonical.get().hash().equals(unsafe.l1Origin().hash())) {
      throw new DerivationException.Reset(
          "L1 reorg: L1 origin "
              + unsafe.l1Origin()
              + " of unsafe head "
              + unsafe.id()
              + " is no longer canonical");
    }
  }

  // ---- unsafe payloads -------------------------------------------------------------------------

  private void insertUnsafePayloads() {
    while (!unsafePayloads.isEmpty()) {
      Map.Entry<Long, ExecutionPayloadEnvelope> first = unsafePayloads.firstEntry();
      L2BlockRef unsafe = engine.heads().unsafe();
      L2BlockRef safe = engine.heads().safe();
      long number = first.getKey();
      if (Long.compareUnsigned(number, safe.number()) <= 0) {
        unsafePayloads.pollFirstEntry(); // already safe: derivation decides those
        continue;
      }
      if (Long.compareUnsigned(number, unsafe.number() + 1) > 0) {
        return; // a gap: wait for the blocks in between
      }
      ExecutionPayloadEnvelope envelope = first.getValue();
      // Taken off the queue only once the engine answered: an engine that is down keeps it.
      EngineController.BuildResult result = engine.insert(envelope);
      unsafePayloads.remove(number, envelope);
      switch (result) {
        case EngineController.BuildResult.Built built -> {
          sequencer.cancel();
          derivationIdle = false;
          LOG.debug("Inserted unsafe block {}", built.ref().id());
        }
        case EngineController.BuildResult.Invalid invalid ->
            LOG.warn(
                "Unsafe block {} {} is invalid: {}",
                number,
                envelope.payload().blockHash(),
                invalid.reason());
      }
    }
  }

  // ---- NodeControl -----------------------------------------------------------------------------

  @Override
  public SyncStatus syncStatus() {
    EngineController.Heads h = engine.heads();
    return new SyncStatus(
        currentL1,
        finalizedL1,
        headL1,
        safeL1,
        finalizedL1,
        h.unsafe(),
        h.safe(),
        h.finalized(),
        h.pendingSafe());
  }

  @Override
  public void startSequencer(Hash unsafeHead) {
    call(
        () -> {
          if (!driverConfig.sequencerEnabled()) {
            throw new IllegalStateException("sequencer is not enabled on this node");
          }
          if (sequencer.active()) {
            throw new IllegalStateException("sequencer already running");
          }
          Hash head = engine.heads().unsafe().hash();
          if (!head.equals(unsafeHead)) {
            throw new IllegalStateException(
                "block hash does not match: head " + head + ", requested " + unsafeHead);
          }
          sequencer.start();
          sequencerActive = true;
          LOG.info("Sequencer started on {}", engine.heads().unsafe().id());
          return null;
        });
  }

  @Override
  public Hash stopSequencer() {
    return call(
        () -> {
          if (!sequencer.active()) {
            throw new IllegalStateException("sequencer not running");
          }
          sequencer.stop();
          sequencerActive = false;
          Hash head = engine.heads().unsafe().hash();
          LOG.info("Sequencer stopped at {}", engine.heads().unsafe().id());
          return head;
        });
  }

  @Override
  public boolean sequencerActive() {
    return sequencerActive;
  }

  @Override
  public void postUnsafePayload(ExecutionPayloadEnvelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    commands.add(
        () -> {
          if (unsafePayloads.size() >= MAX_QUEUED_PAYLOADS) {
            unsafePayloads.pollLastEntry();
          }
          unsafePayloads.put(envelope.payload().blockNumber(), envelope);
          metrics.recordReceivedUnsafePayload(
              envelope.payload().blockNumber(),
              envelope.payload().timestamp(),
              envelope.payload().blockHash());
        });
  }

  @Override
  public void resetDerivationPipeline() {
    call(
        () -> {
          pipeline.reset();
          unapplied = Optional.empty();
          derivationIdle = false;
          LOG.info("Derivation pipeline reset by admin request");
          return null;
        });
  }

  /** Runs {@code task} on the driver's thread and waits for its result. */
  private <T> T call(Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    commands.add(
        () -> {
          try {
            result.complete(task.get());
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("driver did not answer within 30s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  private void runCommands() {
    Runnable command;
    while ((command = commands.poll()) != null) {
      command.run();
    }
  }

  private void awaitCommand(long millis) {
    try {
      Runnable command = commands.poll(millis, TimeUnit.MILLISECONDS);
      if (command != null) {
        command.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private long nextBackoff() {
    backoffMillis =
        backoffMillis == 0 ? MIN_BACKOFF_MILLIS : Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
    return backoffMillis;
  }

  /** Waits, but wakes for commands (admin calls must not wait out a backoff). */
  private void pause(long millis) {
    long until = clock.millis() + millis;
    while (running) {
      long left = until - clock.millis();
      if (left <= 0) {
        return;
      }
      awaitCommand(left);
    }
  }
}
