package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
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
}
