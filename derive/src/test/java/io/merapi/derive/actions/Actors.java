package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import java.math.BigInteger;
import java.util.Map;

/**
 * The four actors of a scenario on one rollup (op-e2e's {@code SetupSequencerTest} plus a verifier
 * and a batcher): an L1 miner, a sequencer, a verifier that reads L1 alone, and a batcher posting
 * the sequencer's blocks. Helpers for the moves every scenario makes, and the one check every
 * scenario ends with: the verifier's safe chain is the sequencer's chain, block for block.
 */
final class Actors {
  static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));

  final RollupSetup setup;
  final L1Miner miner;
  final Sequencer sequencer;
  final RollupNode verifier;
  final Batcher batcher;
  final Wallet carolL1;
  final Wallet aliceL2;
  private int userTxs;
  private int deposits;

  private Actors(RollupSetup setup, Batcher.Config batcherConfig) {
    this.setup = setup;
    this.miner = new L1Miner(setup.l1Genesis());
    this.sequencer = new Sequencer(setup, miner);
    this.verifier = new RollupNode(setup, miner);
    this.batcher = new Batcher(setup, miner, sequencer, batcherConfig, 12345);
    this.carolL1 =
        new Wallet(
            RollupSetup.CAROL, miner.chainId(), () -> miner.nonce(RollupSetup.CAROL.address()));
    this.aliceL2 = sequencer.wallet(RollupSetup.ALICE);
  }

  static Actors start(Map<String, Object> deployOverrides, Batcher.Config batcherConfig) {
    return new Actors(RollupSetup.of(deployOverrides), batcherConfig);
  }

  /** Queues an L2 transfer from Alice to Bob for the sequencer. */
  void l2Transfer() {
    userTxs++;
    sequencer.submit(aliceL2.transfer(RollupSetup.BOB.address(), UInt256.valueOf(userTxs)));
  }

  /** Queues an L1 deposit through the portal (Carol to Bob, 1 ether minted on L2). */
  void deposit() {
    deposits++;
    miner.submit(
        carolL1.call(
            setup.rollup().depositContractAddress(),
            ETHER,
            OptimismPortal2.depositTransaction(
                    RollupSetup.BOB.address(), ETHER, 100_000, false, Bytes.EMPTY)
                .data(),
            500_000));
  }

  int userTransactions() {
    return userTxs;
  }

  /** The sequencer builds up to the L1 head, with one user transaction per block it builds. */
  void sequenceToL1Head() {
    while (sequencer.unsafeHead().l1Origin().number() < miner.head().number()) {
      l2Transfer();
      sequencer.buildBlock();
    }
  }

  /** Both nodes derive from the L1 chain as it stands. */
  void deriveBoth() {
    sequencer.deriveAll();
    verifier.deriveAll();
  }

  /**
   * One round of a healthy rollup: the sequencer builds to the L1 head, the batcher posts all it
   * has, L1 mines a block (with any pending deposits and batches), and both nodes derive.
   */
  void round() {
    sequenceToL1Head();
    batcher.submitAll();
    miner.mine();
    deriveBoth();
  }

  /** The verifier's safe chain is the sequencer's chain, block for block, up to the safe head. */
  void assertVerifierFollowsSequencer() {
    long safe = verifier.safeHead().number();
    for (long n = 0; n <= safe; n++) {
      assertThat(verifier.chain().block(n).hash())
          .as("L2 block %d", n)
          .isEqualTo(sequencer.chain().block(n).hash());
    }
  }

  /** Everything the sequencer built is derived by the verifier and safe on both. */
  void assertAllSafe() {
    assertThat(verifier.safeHead()).isEqualTo(sequencer.unsafeHead());
    assertThat(sequencer.safeHead()).isEqualTo(sequencer.unsafeHead());
    assertVerifierFollowsSequencer();
  }

  /** One line of figures for the report. */
  String summary(String name) {
    return String.format(
        "SCENARIO %s: L1 blocks=%d, L2 blocks=%d (safe %d), user txs=%d, deposits=%d, batcher[%s],"
            + " verifier[%s]",
        name,
        miner.head().number(),
        sequencer.unsafeHead().number(),
        verifier.safeHead().number(),
        userTxs,
        deposits,
        batcher.stats,
        verifier.stats);
  }
}
