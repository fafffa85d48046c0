package io.merapi.derive.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.testing.Channels;
import io.merapi.derive.testing.TestFrames;
import io.merapi.types.config.OpFork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline crossing Holocene activation with data in flight (holocene/derivation.md
 * "Activation"): a channel whose last frame lands in the activation block and a future batch
 * buffered before it are both lost, while a Holocene channel of batches with pre-Holocene L1
 * origins is derived, because the batch stage keeps the batch queue's L1 blocks. Without Holocene
 * the same L1 data derives everything at once.
 */
class HoloceneActivationTest {

  @ParameterizedTest(name = "holocene={0}")
  @ValueSource(booleans = {true, false})
  void nothingInFlightSurvivesTheSwitch(boolean holocene) {
    // L1 block 3 is the first Holocene block.
    long activation = TestRollup.GENESIS_TIME + 3 * TestRollup.L1_BLOCK_TIME;
    TestRollup rollup =
        new TestRollup(
            c -> {
              c.fork(OpFork.GRANITE, 0).seqWindowSize(100);
              return holocene ? c.onlyFork(OpFork.HOLOCENE, activation) : c;
            });
    L1BlockRef epoch = rollup.l1.block(0);
    List<L2BlockRef> blocks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      blocks.add(rollup.sequence(epoch, TestRollup.userTx(i + 1)));
    }
    // L1 block 1: channel A, block 1.
    rollup.l1.mine(
        rollup.batcherTx(
            Channels.split(
                TestFrames.channel("A"),
                Channels.singular(rollup.batchesOf(blocks.subList(0, 1))),
                1)));
    // L1 block 2: the first frame of channel B (blocks 2 and 3) and channel C (block 4 alone, a
    // future batch until 2 and 3 are there).
    List<Frame> b =
        Channels.split(
            TestFrames.channel("B"), Channels.singular(rollup.batchesOf(blocks.subList(1, 3))), 2);
    List<Frame> c =
        Channels.split(
            TestFrames.channel("C"), Channels.singular(rollup.batchesOf(blocks.subList(3, 4))), 1);
    rollup.l1.mine(rollup.batcherTx(b.get(0)), rollup.batcherTx(c));
    // L1 block 3 (Holocene): the last frame of channel B.
    rollup.l1.mine(rollup.batcherTx(b.get(1)));

    TestRollup.Verifier verifier = rollup.verifier().deriveAll();
    assertThat(verifier.pipeline.holoceneStagesActive()).isEqualTo(holocene);
    if (!holocene) {
      assertThat(verifier.safeHead).isEqualTo(blocks.get(3));
      return;
    }
    // B's last frame has no channel any more; C's buffered batch was discarded.
    assertThat(verifier.safeHead).isEqualTo(blocks.get(0));

    // L1 block 4: B again, whole, in a Holocene block: blocks of epoch 0 (pre-Holocene).
    Bytes again = Channels.singular(rollup.batchesOf(blocks.subList(1, 3)));
    rollup.l1.mine(rollup.batcherTx(Channels.split(TestFrames.channel("B2"), again, 1)));
    verifier.deriveAll();
    assertThat(verifier.safeHead).isEqualTo(blocks.get(2));

    // Block 4's batch must be posted again too.
    rollup.l1.mine(
        rollup.batcherTx(
            Channels.split(
                TestFrames.channel("C2"),
                Channels.singular(rollup.batchesOf(blocks.subList(3, 4))),
                1)));
    verifier.deriveAll();
    assertThat(verifier.safeHead).isEqualTo(blocks.get(3));
  }
}
