package io.merapi.derive.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.testing.Channels;
import io.merapi.derive.testing.TestFrames;
import io.merapi.types.config.OpFork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resetting the pipeline (specs derivation.md "Resetting the Pipeline"): restarting from any safe
 * head derives the same chain as deriving from genesis, the rewind goes back a channel timeout, and
 * an L1 reorg is detected, survived with {@link SyncStart}, and derived past.
 */
class ResetTest {
  static final int EPOCHS = 8;
  static final long CHANNEL_TIMEOUT = 3;

  /**
   * A rollup where the L2 blocks of epoch {@code k - 1} are batched in a channel whose two frames
   * are in L1 blocks {@code k} and {@code k + 1}, so channels always straddle L1 blocks.
   */
  static TestRollup chain(boolean holocene) {
    TestRollup rollup =
        new TestRollup(
            c -> {
              c.fork(OpFork.FJORD, 0).channelTimeout(CHANNEL_TIMEOUT).seqWindowSize(10);
              return holocene ? c.fork(OpFork.HOLOCENE, 0) : c;
            });
    Frame pending = null;
    for (int k = 1; k <= EPOCHS + 1; k++) {
      L1BlockRef epoch = rollup.l1.head();
      List<L2BlockRef> blocks =
          rollup.sequenceUntil(epoch, epoch.time() + TestRollup.L1_BLOCK_TIME - 1);
      List<Frame> frames =
          Channels.split(
              TestFrames.channel("epoch " + epoch.number()),
              Channels.singular(rollup.batchesOf(blocks)),
              2);
      List<Frame> carried = new ArrayList<>();
      if (pending != null) {
        carried.add(pending);
      }
      carried.add(frames.get(0));
      rollup.l1.mine(rollup.batcherTx(carried));
      pending = frames.get(1);
    }
    rollup.l1.mine(rollup.batcherTx(pending));
    return rollup;
  }

  @ParameterizedTest(name = "holocene={0}")
  @ValueSource(booleans = {false, true})
  void fromGenesisEverySequencedBlockIsDerived(boolean holocene) {
    TestRollup rollup = chain(holocene);
    TestRollup.Verifier verifier = rollup.verifier().deriveAll();
    assertThat(verifier.safeHead).isEqualTo(rollup.sequencerHead());
  }

  /** A pipeline started at any safe head derives the rest exactly. */
  @ParameterizedTest(name = "holocene={0}")
  @ValueSource(booleans = {false, true})
  void restartFromAnySafeHead(boolean holocene) {
    TestRollup rollup = chain(holocene);
    rollup.verifier().deriveAll();
    List<L2BlockRef> chain = rollup.sequencer;
    for (int start : List.of(1, 5, 13, 24, 37, chain.size() - 2)) {
      L2BlockRef safe = chain.get(start);
      TestRollup.Verifier verifier = rollup.new Verifier(rollup.pipeline(), safe);
      assertThat(verifier.pipeline.step(safe)).isInstanceOf(StepResult.Progress.class);
      // The rewind reaches back at least a channel timeout before the safe head's L1 origin.
      long safeOrigin = safe.l1Origin().number();
      assertThat(verifier.pipeline.origin().number())
          .isLessThanOrEqualTo(Math.max(0, safeOrigin - CHANNEL_TIMEOUT));
      verifier.deriveAll();
      assertThat(verifier.derived.get(0).parent()).as("from %d", start).isEqualTo(safe);
      assertThat(verifier.safeHead).as("from %d", start).isEqualTo(rollup.sequencerHead());
      assertThat(verifier.derived).hasSize(chain.size() - 1 - start);
    }
  }

  /**
   * The rewind walks back L2 blocks until the L1 origin is a channel timeout older (op-node's
   * {@code initialReset}): from a safe head in epoch 7 the pipeline starts at L1 block 4.
   */
  @Test
  void rewindTargetsTheOriginAChannelTimeoutBack() {
    TestRollup rollup = chain(false);
    rollup.verifier().deriveAll();
    L2BlockRef safe =
        rollup.sequencer.stream().filter(b -> b.l1Origin().number() == 7).findFirst().orElseThrow();
    DerivationPipeline pipeline = rollup.pipeline();
    pipeline.step(safe);
    assertThat(pipeline.origin()).isEqualTo(rollup.l1.block(7 - CHANNEL_TIMEOUT));
  }

  /**
   * An L1 reorg under the derived chain: stepping on finds it (a reset error), {@link SyncStart}
   * moves the safe head back, and after a reset the chain is derived again from the new L1.
   */
  @Test
  void l1ReorgIsDetectedAndDerivedPast() {
    TestRollup rollup = chain(false);
    TestRollup.Verifier verifier = rollup.verifier().deriveAll();
    L2BlockRef oldHead = verifier.safeHead;
    long last = rollup.l1.head().number();

    // The last L1 block (with the last frame of the last channel) is replaced by an empty one.
    rollup.l1.rewind(last);
    rollup.l1.mine(List.of(), List.of(), "reorg");
    rollup.l1.mine(List.of(), List.of(), "reorg");
    assertThatThrownBy(verifier::deriveAll).isInstanceOf(DerivationException.Reset.class);

    L2Heads heads =
        SyncStart.findL2Heads(
            rollup.config,
            rollup.l1,
            rollup.verifierL2,
            new L2Heads(oldHead, oldHead, rollup.genesis));
    // Every L1 origin is still canonical: the unsafe head stays. The safe head would go back more
    // than a sequencing window (10 blocks), which here is all the way to the finalized genesis.
    assertThat(heads.unsafe()).isEqualTo(oldHead);
    assertThat(heads.safe()).isEqualTo(rollup.genesis);
    verifier.safeHead = heads.safe();
    verifier.pipeline.reset();
    verifier.deriveAll();
    // Everything but the last epoch, whose channel lost its last frame, is derived again.
    L2BlockRef lastOfPreviousEpoch =
        rollup.sequencer.stream()
            .filter(b -> b.l1Origin().number() == oldHead.l1Origin().number() - 1)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(verifier.safeHead).isEqualTo(lastOfPreviousEpoch);
  }

  /** A source that fails during the rewind fails the step; the next step rewinds again. */
  @Test
  void aTemporaryFailureDuringTheResetIsRetried() {
    TestRollup rollup = chain(false);
    rollup.verifier().deriveAll();
    L2BlockRef safe = rollup.sequencer.get(20);
    DerivationPipeline pipeline =
        new DerivationPipeline(
            rollup.config,
            rollup.l1,
            rollup.blobSource(),
            new io.merapi.derive.source.L2Source() {
              boolean failed;

              @Override
              public java.util.Optional<L2BlockRef> l2BlockRefByNumber(long number) {
                return rollup.verifierL2.l2BlockRefByNumber(number);
              }

              @Override
              public L2BlockRef l2BlockRefByHash(io.merapi.base.bytes.Hash hash) {
                return rollup.verifierL2.l2BlockRefByHash(hash);
              }

              @Override
              public io.merapi.types.config.RollupConfig.SystemConfig systemConfigByL2Hash(
                  io.merapi.base.bytes.Hash hash) {
                if (!failed) {
                  failed = true;
                  throw new DerivationException.Temporary("engine not answering");
                }
                return rollup.verifierL2.systemConfigByL2Hash(hash);
              }
            },
            rollup.builder);
    assertThatThrownBy(() -> pipeline.step(safe)).isInstanceOf(DerivationException.Temporary.class);
    assertThat(pipeline.isResetting()).isTrue();
    assertThat(pipeline.step(safe)).isInstanceOf(StepResult.Progress.class);
    assertThat(pipeline.isResetting()).isFalse();
  }
}
