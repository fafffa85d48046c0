package io.merapi.derive.actions;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.pipeline.DerivationPipeline;
import io.merapi.derive.pipeline.L2Heads;
import io.merapi.derive.pipeline.StepResult;
import io.merapi.derive.pipeline.SyncStart;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.state.op.InvalidL2BlockException;
import io.merapi.state.op.OpChainRules;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollup node's derivation half (op-e2e's {@code L2Verifier}): its own L2 chain, fed by the
 * {@link DerivationPipeline} over the L1 miner's blocks and blobs alone. Each derived attributes
 * either consolidate the unsafe block already at that height (op-node's {@code
 * AttributesMatchBlock}) or are built as a new block that replaces the unsafe chain from there; the
 * safe head moves when a batch is concluded. On a reset the heads are found again with {@link
 * SyncStart} and the unsafe chain rewound to them, as op-node's engine reset does.
 *
 * <p>Stepped by hand: {@link #deriveAll()} runs the pipeline until it is idle on the L1 head.
 */
class RollupNode {
  /** Steps one call may take before the test is considered stuck (a hot loop). */
  static final int MAX_STEPS = 200_000;

  /** What this node did, for the scenarios' reports and their assertions of why. */
  static final class Stats {
    int steps;
    int derived;
    int consolidated;
    int built;
    int replacedUnsafe;
    int invalidPayloads;
    int resets;
    int depositsOnly;
    final List<String> mismatches = new ArrayList<>();
    final List<String> invalidReasons = new ArrayList<>();

    @Override
    public String toString() {
      return "steps="
          + steps
          + " derived="
          + derived
          + " consolidated="
          + consolidated
          + " built="
          + built
          + " replacedUnsafe="
          + replacedUnsafe
          + " invalid="
          + invalidPayloads
          + " depositsOnly="
          + depositsOnly
          + " resets="
          + resets;
    }
  }

  protected final RollupConfig rollup;
  protected final L1Miner l1;
  protected final L2Chain chain;
  private final OpChainRules rules;
  private final DerivationPipeline pipeline;
  private L2BlockRef pendingSafe;
  private L2BlockRef safe;
  final Stats stats = new Stats();

  RollupNode(RollupSetup setup, L1Miner l1) {
    this.rollup = setup.rollup();
    this.l1 = l1;
    this.chain = new L2Chain(setup.rollup(), setup.l2Genesis());
    this.rules = new OpChainRules(setup.l2Genesis().config());
    this.pipeline = Pipelines.create(rollup, l1, l1, chain);
    this.safe = chain.head().ref();
    this.pendingSafe = safe;
  }

  L2Chain chain() {
    return chain;
  }

  L2BlockRef safeHead() {
    return safe;
  }

  L2BlockRef unsafeHead() {
    return chain.head().ref();
  }

  DerivationPipeline pipeline() {
    return pipeline;
  }

  /**
   * Steps the pipeline until it waits for a new L1 block (op-e2e {@code ActL2PipelineFull}).
   * Temporary errors end the call: a source had nothing to give.
   */
  void deriveAll() {
    for (int i = 0; i < MAX_STEPS; i++) {
      stats.steps++;
      StepResult result;
      try {
        result = pipeline.step(pendingSafe);
      } catch (DerivationException.Reset e) {
        reset(e);
        continue;
      } catch (DerivationException.Temporary e) {
        return;
      }
      switch (result) {
        case StepResult.Attributes a -> process(a.attributes());
        case StepResult.AdvancedOrigin a -> {}
        case StepResult.Progress p -> {}
        case StepResult.Idle idle -> {
          return;
        }
      }
    }
    throw new AssertionError("derivation did not go idle in " + MAX_STEPS + " steps: " + stats);
  }

  private void reset(DerivationException.Reset cause) {
    stats.resets++;
    L2Heads heads =
        SyncStart.findL2Heads(
            rollup,
            l1,
            chain,
            new L2Heads(
                chain.head().ref(), safe, chain.block(rollup.genesis().l2().number()).ref()));
    onReplaced(chain.rewind(heads.unsafe().number()));
    safe = heads.safe();
    pendingSafe = heads.safe();
    pipeline.reset();
  }

  private void process(AttributesWithParent derived) {
    stats.derived++;
    if (!derived.parent().hash().equals(pendingSafe.hash())) {
      throw new AssertionError(
          "attributes for the child of "
              + derived.parent().id()
              + " but the pending safe head is "
              + pendingSafe.id());
    }
    L2Chain.L2Block parent = chain.block(pendingSafe.number());
    long next = pendingSafe.number() + 1;
    List<L2Chain.L2Block> replaced = List.of();
    if (chain.head().number() >= next) {
      Optional<String> why =
          AttributesMatch.mismatch(rules, derived.attributes(), parent, chain.block(next));
      if (why.isEmpty()) {
        stats.consolidated++;
        advance(chain.block(next).ref(), derived);
        return;
      }
      stats.mismatches.add("block " + next + ": " + why.get());
      replaced = chain.rewind(pendingSafe.number());
    }
    L2Chain.L2Block built;
    try {
      built = chain.build(derived.attributes());
    } catch (InvalidL2BlockException e) {
      stats.invalidPayloads++;
      stats.invalidReasons.add(e.getMessage());
      if (!rollup.isActive(OpFork.HOLOCENE, derived.derivedFrom().time())) {
        // Before Holocene op-node drops the batch, keeps its unsafe chain (the forkchoice never
        // moved to the invalid block) and takes the pending safe head back to the safe head: the
        // rest of an unfinished span batch goes with it.
        chain.restore(replaced);
        pendingSafe = safe;
        return;
      }
      // Holocene: the same block with its deposits only (holocene/derivation.md).
      AttributesWithParent depositsOnly =
          pipeline.depositsOnlyAttributes(derived.parent().id(), derived.derivedFrom());
      built = chain.build(depositsOnly.attributes());
      stats.depositsOnly++;
    }
    stats.built++;
    stats.replacedUnsafe += replaced.size();
    onReplaced(replaced);
    advance(built.ref(), derived);
  }

  private void advance(L2BlockRef block, AttributesWithParent derived) {
    pendingSafe = block;
    if (derived.concluding()) {
      safe = block;
    }
  }

  /** Unsafe blocks that derivation or a reset took off the chain (a sequencer wants their txs). */
  protected void onReplaced(List<L2Chain.L2Block> dropped) {}
}
