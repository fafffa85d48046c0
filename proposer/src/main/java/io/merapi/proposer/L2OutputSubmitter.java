package io.merapi.proposer;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L2BlockRef;
import io.merapi.proposer.contract.ProposalTarget;
import io.merapi.proposer.metrics.ProposerMetrics;
import io.merapi.proposer.output.OutputCheck;
import io.merapi.service.rollup.OutputResponse;
import io.merapi.service.rollup.RollupClient;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.service.txmgr.TxCandidate;
import io.merapi.service.txmgr.TxManager;
import io.merapi.service.txmgr.TxManagerException;
import io.merapi.service.txmgr.TxResult;
import io.merapi.types.rollup.OutputRoot;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proposal step at a time (op-proposer's {@code L2OutputSubmitter}): asks the rollup node how
 * far the L2 chain is safe or finalized, asks the contract whether a proposal is due, fetches the
 * node's output for that block, checks it against the engine's state, and sends the proposal
 * through the transaction manager. {@link ProposerDriver} runs the steps on a thread; tests call
 * {@link #step} directly.
 */
public final class L2OutputSubmitter {
  private static final Logger LOG = LoggerFactory.getLogger(L2OutputSubmitter.class);

  /** What one step did. */
  public sealed interface Outcome {}

  /** Nothing was due, or the L1 has not moved far enough yet; {@code why} for the debug log. */
  public record Idle(String why) implements Outcome {}

  /**
   * A proposal was mined; {@code success} false if it reverted (its nonce is spent all the same).
   */
  public record Proposed(long l2BlockNumber, Hash outputRoot, TxResult result) implements Outcome {}

  /** The node's output did not match the engine's: nothing was signed. */
  public record Refused(long l2BlockNumber, String reason) implements Outcome {}

  private final RollupClient rollup;
  private final LongFunction<OutputRoot> engineOutputs;
  private final ProposalTarget target;
  private final TxManager txManager;
  private final LongSupplier l1Head;
  private final boolean allowNonFinalized;
  private final Duration pollInterval;
  private final Duration l1Wait;
  private final ProposerMetrics metrics;

  /**
   * @param engineOutputs the independent output of an L2 block ({@code EngineOutputs::outputAt})
   * @param l1Head the L1 head's number ({@code eth_blockNumber})
   * @param pollInterval how often the L1 head is asked while waiting for it
   * @param l1Wait how long a step waits for the L1 head to pass the node's before it gives up (and
   *     the next step starts over with a fresh output)
   */
  public L2OutputSubmitter(
      RollupClient rollup,
      LongFunction<OutputRoot> engineOutputs,
      ProposalTarget target,
      TxManager txManager,
      LongSupplier l1Head,
      boolean allowNonFinalized,
      Duration pollInterval,
      Duration l1Wait,
      ProposerMetrics metrics) {
    this.rollup = rollup;
    this.engineOutputs = engineOutputs;
    this.target = target;
    this.txManager = txManager;
    this.l1Head = l1Head;
    this.allowNonFinalized = allowNonFinalized;
    this.pollInterval = pollInterval;
    this.l1Wait = l1Wait;
    this.metrics = metrics;
  }

  /**
   * One step. Failures of the node, the engine, the L1 or the transaction manager are thrown for
   * the driver to log and retry with backoff.
   */
  public Outcome step() throws TxManagerException, InterruptedException {
    SyncStatus status = rollup.syncStatus();
    long proposable = proposable(status).number();
    OptionalLong due = target.due(proposable);
    if (due.isEmpty()) {
      return new Idle("no proposal due (proposable L2 block " + proposable + ")");
    }
    long block = due.getAsLong();
    OutputResponse output = rollup.outputAtBlock(block);
    if (output.blockRef().number() != block) {
      // A caching proxy in front of the node, or a node that is not what it claims.
      throw new IllegalStateException(
          "the rollup node answered the output of block "
              + output.blockRef().number()
              + " when asked for block "
              + block);
    }
    // The status that came with the output decides: the node may have reset in between.
    L2BlockRef vouched = proposable(output.syncStatus());
    if (Long.compareUnsigned(block, vouched.number()) > 0) {
      return new Idle(
          "L2 block "
              + block
              + " is not "
              + (allowNonFinalized ? "safe" : "finalized")
              + " any more (now "
              + vouched.number()
              + ")");
    }
    OutputRoot engine = engineOutputs.apply(block);
    switch (OutputCheck.compare(output, engine)) {
      case OutputCheck.Disagrees d -> {
        LOG.error(
            "Refusing to propose L2 block {}: the rollup node's output does not match the L2"
                + " engine's state ({}); no transaction was signed",
            output.blockRef().id(),
            d.reason());
        metrics.recordOutputMismatch();
        return new Refused(block, d.reason());
      }
      case OutputCheck.Agrees a -> {
        // proposeL2Output checks blockhash(currentL1) during gas estimation, which runs on top of
        // the head: the head must be past the block (op-proposer waits for headL1 + 1).
        // The wait is inside the step, on this output: a fresh status would name a newer head.
        long needed = output.syncStatus().headL1().number() + 1;
        long deadline = System.nanoTime() + l1Wait.toNanos();
        long head;
        while ((head = l1Head.getAsLong()) <= needed) {
          if (System.nanoTime() - deadline >= 0) {
            return new Idle("the L1 head (" + head + ") did not pass block " + needed + " in time");
          }
          Thread.sleep(pollInterval);
        }
        TxCandidate candidate = target.proposal(a.root(), block, output.syncStatus().currentL1());
        LOG.info(
            "Proposing output root {} of L2 block {} (L1 {})",
            a.root(),
            output.blockRef().id(),
            output.syncStatus().currentL1().id());
        TxResult result = txManager.send(candidate);
        if (result.success()) {
          LOG.info(
              "Proposed output root of L2 block {} in L1 tx {} (block {})",
              block,
              result.txHash(),
              result.blockNumber());
          metrics.recordL2BlockProposed(output.blockRef());
        } else {
          LOG.error(
              "Proposal of L2 block {} was mined but reverted: tx {} in L1 block {}",
              block,
              result.txHash(),
              result.blockNumber());
        }
        return new Proposed(block, a.root(), result);
      }
    }
  }

  private L2BlockRef proposable(SyncStatus status) {
    return allowNonFinalized ? status.safeL2() : status.finalizedL2();
  }
}
