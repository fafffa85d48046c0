package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sequencer alone: L1 origins as op-node picks them, deposits and user transactions. */
class SequencerTest {

  @Test
  void followsTheL1HeadWithDepositsAndUserTransactions() {
    RollupSetup setup = RollupSetup.of(Map.of());
    L1Miner miner = new L1Miner(setup.l1Genesis());
    Sequencer sequencer = new Sequencer(setup, miner);
    L2Chain chain = sequencer.chain();
    Wallet aliceL1 =
        new Wallet(
            RollupSetup.ALICE, miner.chainId(), () -> miner.nonce(RollupSetup.ALICE.address()));
    miner.submit(
        aliceL1.call(
            setup.rollup().depositContractAddress(),
            L1MinerTest.ETHER,
            OptimismPortal2.depositTransaction(
                    RollupSetup.BOB.address(), L1MinerTest.ETHER, 100_000, false, Bytes.EMPTY)
                .data(),
            500_000));
    miner.mine();
    miner.mine();
    UInt256 bobBefore = chain.balance(RollupSetup.BOB.address());
    Wallet alice = sequencer.wallet(RollupSetup.ALICE);
    sequencer.submit(alice.transfer(RollupSetup.BOB.address(), UInt256.valueOf(7)));
    sequencer.buildToL1Head();

    // 12 s L1 blocks, 2 s L2 blocks: origin 1 from L2 block 6, origin 2 from block 12.
    assertThat(chain.head().number()).isEqualTo(12);
    assertThat(chain.block(5).ref().l1Origin().number()).isZero();
    assertThat(chain.block(6).ref().l1Origin().number()).isEqualTo(1);
    assertThat(chain.block(6).ref().sequenceNumber()).isZero();
    assertThat(chain.block(11).ref().sequenceNumber()).isEqualTo(5);
    assertThat(chain.block(1).batchTransactions()).hasSize(1);
    assertThat(chain.block(6).transactions()).hasSize(2); // L1 info and the deposit
    assertThat(chain.balance(RollupSetup.BOB.address()))
        .isEqualTo(bobBefore.add(L1MinerTest.ETHER).add(UInt256.valueOf(7)));
    assertThat(sequencer.pool()).isEmpty();
  }
}
