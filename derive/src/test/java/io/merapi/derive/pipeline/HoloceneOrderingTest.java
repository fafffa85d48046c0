package io.merapi.derive.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.Channels;
import io.merapi.derive.testing.TestFrames;
import io.merapi.types.config.OpFork;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-e2e's Holocene ordering scenarios (op-e2e/actions/proofs holocene_frame_test.go and
 * holocene_batches_test.go), each with its expected safe head before Holocene (Granite) and under
 * Holocene: L2 blocks 1 to 3 of epoch 0 go into one channel; the frames (or the batches) are posted
 * in the given order, and the verifier derives from L1 alone.
 */
class HoloceneOrderingTest {

  static TestRollup rollup(boolean holocene) {
    return new TestRollup(c -> holocene ? c.fork(OpFork.HOLOCENE, 0) : c.fork(OpFork.GRANITE, 0));
  }

  static Stream<Arguments> frameCases() {
    return Stream.of(
        Arguments.of("ordered", List.of(0, 1, 2), 3, 3),
        // Frames are buffered before Holocene; from Holocene a non-first frame of an unknown
        // channel is dropped, and the channel never completes.
        Arguments.of("disordered-a", List.of(2, 1, 0), 3, 0),
        Arguments.of("disordered-b", List.of(0, 1, 0, 2), 3, 0),
        // The duplicate frame is dropped either way.
        Arguments.of("duplicates", List.of(0, 1, 1, 2), 3, 3));
  }

  /** Each frame in its own L1 block, in the given order. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("frameCases")
  void frames(String name, List<Integer> order, int preHolocene, int holocene) {
    assertThat(safeHeadAfterFrames(false, order)).isEqualTo(preHolocene);
    assertThat(safeHeadAfterFrames(true, order)).isEqualTo(holocene);
  }

  static long safeHeadAfterFrames(boolean holocene, List<Integer> order) {
    TestRollup rollup = rollup(holocene);
    L1BlockRef epoch = rollup.l1.block(0);
    List<L2BlockRef> blocks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      blocks.add(rollup.sequence(epoch, TestRollup.userTx(i + 1)));
    }
    Bytes channel = Channels.singular(rollup.batchesOf(blocks));
    List<Frame> frames = Channels.split(TestFrames.channel("ch"), channel, 3);
    for (int index : order) {
      rollup.l1.mine(rollup.batcherTx(frames.get(index)));
    }
    return rollup.verifier().deriveAll().safeHead.number();
  }

  static Stream<Arguments> batchCases() {
    return Stream.of(
        Arguments.of("ordered", List.of(1, 2, 3), 3, 3),
        // Batches are buffered before Holocene; from Holocene the first future batch is dropped
        // with the rest of its channel.
        Arguments.of("disordered-a", List.of(1, 3, 2), 3, 1),
        Arguments.of("disordered-b", List.of(2, 1, 3), 3, 0),
        // A past batch is dropped silently, the channel goes on.
        Arguments.of("duplicates-a", List.of(1, 1, 2, 3), 3, 3),
        Arguments.of("duplicates-b", List.of(2, 2, 1, 3), 3, 0));
  }

  /** One channel with the batches of the given blocks, in one frame. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("batchCases")
  void batches(String name, List<Integer> order, int preHolocene, int holocene) {
    assertThat(safeHeadAfterBatches(false, order)).isEqualTo(preHolocene);
    assertThat(safeHeadAfterBatches(true, order)).isEqualTo(holocene);
  }

  static long safeHeadAfterBatches(boolean holocene, List<Integer> order) {
    TestRollup rollup = rollup(holocene);
    L1BlockRef epoch = rollup.l1.block(0);
    List<L2BlockRef> blocks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      blocks.add(rollup.sequence(epoch, TestRollup.userTx(i + 1)));
    }
    List<SingularBatch> batches = new ArrayList<>();
    for (int number : order) {
      batches.add(rollup.batchOf(blocks.get(number - 1)));
    }
    Bytes channel = Channels.singular(batches);
    rollup.l1.mine(rollup.batcherTx(Channels.split(TestFrames.channel("ch"), channel, 1)));
    TestRollup.Verifier verifier = rollup.verifier().deriveAll();
    // What is derived is exactly the sequencer's chain up to the safe head.
    for (int i = 1; i <= verifier.safeHead.number(); i++) {
      assertThat(rollup.verifierL2.l2BlockRefByNumber(i)).contains(blocks.get(i - 1));
    }
    return verifier.safeHead.number();
  }

  /** A span batch of the three blocks, ordered, derives all of them under both rules. */
  @ParameterizedTest(name = "holocene={0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void spanBatch(boolean holocene) {
    TestRollup rollup = rollup(holocene);
    L1BlockRef epoch = rollup.l1.block(0);
    List<L2BlockRef> blocks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      blocks.add(rollup.sequence(epoch, TestRollup.userTx(i + 1)));
    }
    Bytes channel = Channels.span(Blocks.span(rollup.batchesOf(blocks)), false, rollup.config);
    rollup.l1.mine(rollup.batcherTx(Channels.split(TestFrames.channel("span"), channel, 1)));
    TestRollup.Verifier verifier = rollup.verifier().deriveAll();
    assertThat(verifier.safeHead).isEqualTo(blocks.get(2));
    // Before Holocene only the last block of a span concludes it.
    assertThat(verifier.derived.stream().map(a -> a.concluding()).toList())
        .isEqualTo(holocene ? List.of(true, true, true) : List.of(false, false, true));
  }
}
