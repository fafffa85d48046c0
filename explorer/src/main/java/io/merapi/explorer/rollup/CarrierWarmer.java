package io.merapi.explorer.rollup;

import io.merapi.explorer.Chain;
import io.merapi.explorer.Pacing;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.explorer.source.RollupSource;
import io.merapi.explorer.source.SourceUnavailableException;
import io.merapi.service.rollup.SyncStatus;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where each L2 block came from as soon as it becomes safe, in the background, so that the
 * first view of a newly safe block reads its batcher transaction from the index instead of
 * searching the node's safe-head records and decoding an L1 block while the person waits. One
 * decoding of an L1 block answers for every L2 block its channel holds ({@link BatchCarrier}), so
 * the work is about one decoding per batcher transaction, not one per L2 block.
 */
public final class CarrierWarmer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CarrierWarmer.class);

  /** On start and after an outage only the latest safe blocks are warmed: pages ask for those. */
  static final int MAX_BEHIND = 64;

  private final BatchCarrier carrier;
  private final RollupSource rollup;
  private final ChainIndex index;
  private final Pacing pacing;
  private final Thread thread;

  /** The highest L2 block whose origin was looked for; -1 before the first round. */
  private long warmedUpTo = -1;

  private CarrierWarmer(
      BatchCarrier carrier, RollupSource rollup, ChainIndex index, Duration pollInterval) {
    this.carrier = carrier;
    this.rollup = rollup;
    this.index = index;
    this.pacing = new Pacing(pollInterval);
    this.thread = Thread.ofVirtual().name("explorer-carriers").unstarted(this::run);
  }

  public static CarrierWarmer start(
      BatchCarrier carrier, RollupSource rollup, ChainIndex index, Duration pollInterval) {
    CarrierWarmer warmer = new CarrierWarmer(carrier, rollup, index, pollInterval);
    warmer.thread.start();
    return warmer;
  }

  private void run() {
    long failures = 0;
    while (pacing.running()) {
      try {
        round(rollup.syncStatus());
        failures = 0;
        pacing.pause(pacing.pollInterval());
      } catch (SourceUnavailableException e) {
        failures++; // the endpoint's reachability has said so once
        pacing.backoff(failures);
      } catch (RuntimeException e) {
        // Also op-node without --safedb.path (no records to search): the pages say so too.
        failures++;
        if (failures == 1) {
          LOG.warn("finding batcher transactions ahead failed, retrying: {}", e.toString());
        }
        pacing.backoff(failures);
      }
    }
  }

  /** Looks for the origin of the L2 blocks that became safe since the last round. */
  void round(SyncStatus status) {
    long safe = status.safeL2().number();
    // A safe head that went back (an L1 reorg, a node reset): its blocks will be new ones.
    warmedUpTo = Math.min(warmedUpTo, safe);
    long from = Math.max(warmedUpTo + 1, safe - MAX_BEHIND + 1);
    for (long number = Math.max(from, 0); number <= safe && pacing.running(); number++) {
      Optional<IndexedBlock> indexed = index.block(Chain.L2, number);
      Optional<BatchCarrier.Carried> found =
          indexed.isPresent() && indexed.get().hashKnown()
              ? carrier.find(number, indexed.get().hash(), status)
              : carrier.find(number, status);
      if (found.isEmpty()) {
        return; // the node's records do not reach it yet: the next round goes on from here
      }
      warmedUpTo = number;
    }
  }

  @Override
  public void close() {
    pacing.stop();
    try {
      if (thread.isAlive() && !thread.join(Duration.ofSeconds(10))) {
        LOG.warn("the batcher transaction finder did not stop in 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
