package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.channel.CompressionAlgo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sequencing-window expiry with no batcher at all (op-e2e {@code TestL2Verifier_SequenceWindow}):
 * once an epoch's window has passed, the verifier derives that epoch's deposit-only blocks from L1
 * alone, so its safe head's L1 origin trails the L1 head by exactly the window; and a reorg as deep
 * as the window moves the safe chain onto the new L1 chain.
 */
class SequenceWindowTest {
  static final long WINDOW = 6;

  @Test
  void theSafeHeadFollowsTheL1HeadOneWindowBehindAndReorgsWithIt() {
    RollupSetup setup = RollupSetup.of(Map.of("sequencerWindowSize", WINDOW));
    L1Miner miner = new L1Miner(setup.l1Genesis());
    RollupNode verifier = new RollupNode(setup, miner);

    while (miner.head().number() < 2 * WINDOW) {
      miner.mine();
      verifier.deriveAll();
      long l1Head = miner.head().number();
      long expectedOrigin = l1Head >= WINDOW ? l1Head - WINDOW : 0;
      assertThat(verifier.safeHead().l1Origin().number())
          .as("safe L1 origin at L1 head %d", l1Head)
          .isEqualTo(expectedOrigin);
      assertThat(miner.block(expectedOrigin).header().timestamp())
          .isLessThanOrEqualTo(verifier.unsafeHead().time());
    }
    assertThat(verifier.chain().blocks()).allMatch(L2Chain.L2Block::depositsOnly);
    var tip = verifier.safeHead();

    // Rewind L1 a full window: with no new L1 block the node has nothing to act on.
    miner.reorg((int) WINDOW);
    verifier.deriveAll();
    assertThat(verifier.safeHead()).isEqualTo(tip);

    miner.setCoinbase(Address.fromHex("0x00000000000000000000000000000000000000bb"));
    L1Miner.L1Block reorgBlock = miner.mine();
    verifier.deriveAll();
    while (miner.head().number() < 2 * WINDOW + 1) {
      miner.mine();
    }
    verifier.deriveAll();

    System.out.println(
        "STATS "
            + verifier.stats
            + " safe="
            + verifier.safeHead().number()
            + " unsafe="
            + verifier.unsafeHead().number());
    assertThat(verifier.stats.resets).isPositive();
    L1Miner.L1Block safeOrigin = miner.blockByHash(verifier.safeHead().l1Origin().hash());
    assertThat(safeOrigin.hash()).isEqualTo(reorgBlock.hash());
    assertThat(verifier.safeHead().l1Origin().number()).isEqualTo(miner.head().number() - WINDOW);
  }

  /**
   * The sequencer builds blocks with user transactions but no batch reaches L1: once the window of
   * each epoch expires, both nodes derive that epoch's deposit-only blocks, the sequencer's unsafe
   * blocks are replaced by them, and its transactions go back to its pool and into new blocks.
   */
  @Test
  void missedBatchesReplaceTheSequencersBlocksWithDepositOnlyOnes() {
    RollupSetup setup = RollupSetup.of(Map.of("sequencerWindowSize", WINDOW));
    L1Miner miner = new L1Miner(setup.l1Genesis());
    Sequencer sequencer = new Sequencer(setup, miner);
    RollupNode verifier = new RollupNode(setup, miner);
    Wallet alice = sequencer.wallet(RollupSetup.ALICE);

    miner.mine();
    for (int i = 0; i < 3; i++) {
      sequencer.submit(alice.transfer(RollupSetup.BOB.address(), UInt256.valueOf(1 + i)));
      sequencer.buildBlock();
    }
    sequencer.buildToL1Head();
    List<L2Chain.L2Block> unsafe = sequencer.chain().blocks();
    assertThat(unsafe.get(1).batchTransactions()).hasSize(1);

    while (miner.head().number() < WINDOW + 2) {
      miner.mine();
      sequencer.deriveAll();
      sequencer.buildToL1Head();
    }
    verifier.deriveAll();
    sequencer.deriveAll();

    // Epochs 0, 1 and 2 have expired (L1 head 8, window 6): their blocks are deposit-only.
    long expiredOrigin = miner.head().number() - WINDOW;
    assertThat(verifier.safeHead().l1Origin().number()).isEqualTo(expiredOrigin);
    assertThat(verifier.chain().blocks()).allMatch(L2Chain.L2Block::depositsOnly);
    assertThat(sequencer.safeHead()).isEqualTo(verifier.safeHead());
    for (long n = 1; n <= verifier.safeHead().number(); n++) {
      assertThat(sequencer.chain().block(n).hash()).isEqualTo(verifier.chain().block(n).hash());
    }
    assertThat(sequencer.chain().block(1).hash()).isNotEqualTo(unsafe.get(1).hash());
    assertThat(sequencer.stats.replacedUnsafe).isPositive();
    assertThat(sequencer.stats.mismatches.get(0)).contains("block 1: transaction count 2");

    // The user transactions are sequenced again after the safe head.
    UInt256 bobBefore = verifier.chain().balance(RollupSetup.BOB.address());
    sequencer.buildToL1Head();
    assertThat(sequencer.pool()).isEmpty();
    assertThat(sequencer.chain().balance(RollupSetup.BOB.address()))
        .isEqualTo(bobBefore.add(UInt256.valueOf(6)));
  }

  /**
   * The batcher posts the first blocks, then holds back until the window of the next epoch has
   * expired: the verifier derives deposit-only blocks for the expired epochs, the sequencer's
   * blocks there are replaced, and when the batcher resumes it starts over from the new safe head
   * and the verifier derives everything the sequencer built since.
   */
  @Test
  void theBatcherResumesAfterTheWindowExpired() {
    Actors a =
        Actors.start(
            Map.of("sequencerWindowSize", WINDOW),
            Batcher.Config.of(
                Batcher.BatchType.SPAN, CompressionAlgo.BROTLI_10, Batcher.DataAvailability.BLOBS));
    a.round();
    a.round();
    a.assertAllSafe();
    L2BlockRef batched = a.verifier.safeHead();

    // No batches while more than a window of L1 blocks passes.
    while (a.miner.head().number() < batched.l1Origin().number() + WINDOW + 3) {
      a.sequenceToL1Head();
      a.miner.mine();
      a.deriveBoth();
    }
    long expired = a.miner.head().number() - WINDOW;
    assertThat(a.verifier.safeHead().l1Origin().number()).isEqualTo(expired);
    for (long n = batched.number() + 1; n <= a.verifier.safeHead().number(); n++) {
      assertThat(a.verifier.chain().block(n).depositsOnly()).as("L2 block %d", n).isTrue();
    }
    assertThat(a.sequencer.stats.replacedUnsafe).isPositive();
    a.assertVerifierFollowsSequencer();

    // The batcher resumes from the sequencer's new safe head.
    a.round();
    a.sequenceToL1Head();
    a.batcher.submitAll();
    a.miner.mine();
    a.deriveBoth();
    a.assertAllSafe();
    System.out.println(a.summary("window expiry with batcher"));
  }
}
