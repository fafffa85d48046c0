package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.frame.Frame;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ordering scenarios of op-e2e's Holocene action tests, end to end: three L2 blocks, their
 * frames or batches sent in a given order in one L1 block, and the safe head the verifier reaches
 * before Holocene (frames and batches buffered and reordered) and with it (out-of-order frames and
 * future batches dropped, the rest of their channel with them; holocene/derivation.md "Frame
 * Queue", "Batch Queue", "Fast Channel Invalidation"). The sequencer's own derivation agrees.
 */
class HoloceneOrderingTest {

  /** A case: what is sent, and the safe heads expected before and with Holocene. */
  record Case(String name, List<Integer> order, long preHolocene, long holocene) {
    @Override
    public String toString() {
      return name + " " + order;
    }
  }

  static Stream<Arguments> frameCases() {
    return cases(
        new Case("in order", List.of(0, 1, 2), 3, 3),
        // Non-first frames without their channel's previous frame are dropped.
        new Case("reversed", List.of(2, 1, 0), 3, 0),
        new Case("swapped tail", List.of(0, 2, 1), 3, 0),
        // A new first frame of the same channel drops the frames before it; frame 2 then follows
        // frame 0 and is dropped too.
        new Case("first frame again", List.of(0, 1, 0, 2), 3, 0),
        // A repeated frame is out of order and dropped; the channel still completes.
        new Case("repeated frame", List.of(0, 1, 1, 2), 3, 3));
  }

  static Stream<Arguments> batchCases() {
    return cases(
        new Case("in order", List.of(1, 2, 3), 3, 3),
        // Block 3's batch is from the future: dropped, and the rest of the channel with it.
        new Case("swapped", List.of(1, 3, 2), 3, 1),
        new Case("future first", List.of(2, 1, 3), 3, 0),
        // A batch for a block already derived is from the past: dropped alone.
        new Case("repeated", List.of(1, 1, 2, 3), 3, 3),
        new Case("repeated later", List.of(1, 2, 3, 2), 3, 3),
        new Case("gap", List.of(1, 3), 1, 1));
  }

  private static Stream<Arguments> cases(Case... cases) {
    return Stream.of(cases).flatMap(c -> Stream.of(Arguments.of(c, false), Arguments.of(c, true)));
  }

  @ParameterizedTest(name = "frames {0}, holocene={1}")
  @MethodSource("frameCases")
  void framesOfOneChannel(Case c, boolean holocene) {
    Actors a = start(holocene);
    List<Frame> frames = a.batcher.channelOf(List.of(1L, 2L, 3L), 3);
    for (int i : c.order()) {
      a.batcher.send(List.of(frames.get(i)));
    }
    a.miner.mine();
    a.deriveBoth();
    check(a, holocene ? c.holocene() : c.preHolocene());
  }

  @ParameterizedTest(name = "batches {0}, holocene={1}")
  @MethodSource("batchCases")
  void batchesOfOneChannel(Case c, boolean holocene) {
    Actors a = start(holocene);
    List<Long> blocks = c.order().stream().map(Integer::longValue).toList();
    a.batcher.send(a.batcher.channelOf(blocks, 1));
    a.miner.mine();
    a.deriveBoth();
    check(a, holocene ? c.holocene() : c.preHolocene());
  }

  private static Actors start(boolean holocene) {
    Map<String, Object> forks = new HashMap<>();
    if (!holocene) {
      forks.put("l2GenesisHoloceneTimeOffset", null);
    }
    Actors a =
        Actors.start(
            forks,
            Batcher.Config.of(
                Batcher.BatchType.SINGULAR,
                CompressionAlgo.ZLIB,
                Batcher.DataAvailability.CALLDATA));
    for (int i = 0; i < 3; i++) {
      a.l2Transfer();
      a.sequencer.buildBlock();
    }
    return a;
  }

  private static void check(Actors a, long expectedSafe) {
    assertThat(a.verifier.safeHead().number()).as("safe head").isEqualTo(expectedSafe);
    assertThat(a.sequencer.safeHead()).isEqualTo(a.verifier.safeHead());
    a.assertVerifierFollowsSequencer();
    assertThat(a.sequencer.unsafeHead().number()).as("the unsafe chain stays").isEqualTo(3);
    assertThat(a.verifier.stats.invalidPayloads).isZero();
  }
}
