package io.merapi.derive.stage;

import static io.merapi.derive.testing.TestFrames.frames;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.testing.TestFrames;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.OpFork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** op-node's frame queue tables (frame_queue_test.go): Holocene pruning, and reading. */
class FrameQueueTest {

  record PruneCase(String name, List<String> in, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static PruneCase p(String name, List<String> in, List<String> expected) {
    return new PruneCase(name, in, expected);
  }

  static Stream<PruneCase> pruneCases() {
    return Stream.of(
        p("empty", List.of(), List.of()),
        p("one", List.of("a:2:"), List.of("a:2:")),
        p("one-last", List.of("a:2:!"), List.of("a:2:!")),
        p("last-new", List.of("a:2:!", "b:0:"), List.of("a:2:!", "b:0:")),
        p("last-ooo", List.of("a:2:!", "b:1:"), List.of("a:2:!")),
        p("middle-lastooo", List.of("b:1:", "a:2:!"), List.of("b:1:")),
        p("middle-first", List.of("b:1:", "a:0:"), List.of("a:0:")),
        p("last-first", List.of("b:1:!", "a:0:"), List.of("b:1:!", "a:0:")),
        p("last-ooo same channel", List.of("b:1:!", "b:2:"), List.of("b:1:!")),
        p("ooo", List.of("b:1:", "b:3:"), List.of("b:1:")),
        p("other-ooo", List.of("b:1:", "c:3:"), List.of("b:1:")),
        p("other-ooo-last", List.of("b:1:", "c:3:", "b:2:!"), List.of("b:1:", "b:2:!")),
        p(
            "ooo-resubmit",
            List.of("b:1:", "b:3:!", "b:2:", "b:3:!"),
            List.of("b:1:", "b:2:", "b:3:!")),
        p(
            "first-discards-multiple",
            List.of("c:0:", "c:1:", "c:2:", "d:0:", "c:3:!"),
            List.of("d:0:")),
        p(
            "complex",
            List.of(
                "b:1:", "b:2:!", "a:0:", "c:1:!", "a:1:", "a:2:!", "c:0:", "c:1:", "d:0:", "c:2:!",
                "e:0:"),
            List.of("b:1:", "b:2:!", "a:0:", "a:1:", "a:2:!", "e:0:")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pruneCases")
  void prune(PruneCase c) {
    assertThat(FrameQueue.prune(frames(c.in().toArray(String[]::new))))
        .isEqualTo(frames(c.expected().toArray(String[]::new)));
  }

  static final List<Frame> IN =
      frames(
          "b:1:", "b:2:!", "a:0:", "c:1:!", "a:1:", "a:2:!", "c:0:", "c:1:", "d:0:", "c:2:!",
          "e:0:");

  /** One batcher transaction with all frames: pruned from Holocene, passed as they are before. */
  @ParameterizedTest(name = "holocene={0}")
  @ValueSource(booleans = {false, true})
  void nextFrame(boolean holocene) {
    TestRollupConfig config = TestRollupConfig.builder();
    if (holocene) {
      config.fork(OpFork.HOLOCENE, 0);
    }
    Deque<Bytes> data = new ArrayDeque<>(List.of(TestFrames.batcherData(IN)));
    FrameQueue queue =
        new FrameQueue(
            new ProtocolParameters(config.build()),
            () -> data.isEmpty() ? StageResult.eof() : StageResult.ready(data.poll()),
            new Fakes.Origin());
    List<Frame> got = new ArrayList<>();
    while (queue.nextFrame() instanceof StageResult.Ready<Frame>(var f)) {
      got.add(f);
    }
    assertThat(got)
        .isEqualTo(holocene ? frames("b:1:", "b:2:!", "a:0:", "a:1:", "a:2:!", "e:0:") : IN);
    assertThat(queue.nextFrame()).isInstanceOf(StageResult.Eof.class);
  }

  /** Data whose frames do not all parse yields none of them, and the queue moves on. */
  @Test
  void invalidDataDropsAllItsFrames() {
    Bytes good = TestFrames.batcherData(frames("a:0:x!"));
    Bytes bad = Bytes.wrap(java.util.Arrays.copyOf(good.toArray(), good.length() - 1));
    Deque<Bytes> data = new ArrayDeque<>(List.of(bad, good));
    FrameQueue queue =
        new FrameQueue(
            new ProtocolParameters(TestRollupConfig.builder().build()),
            () -> data.isEmpty() ? StageResult.eof() : StageResult.ready(data.poll()),
            new Fakes.Origin());
    assertThat(queue.nextFrame()).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(queue.nextFrame()).isEqualTo(StageResult.ready(TestFrames.frame("a:0:x!")));
  }

  /** Holocene activation and resets empty the queue. */
  @Test
  void activationAndResetClearTheQueue() {
    Deque<Bytes> data = new ArrayDeque<>(List.of(TestFrames.batcherData(IN)));
    FrameQueue queue =
        new FrameQueue(
            new ProtocolParameters(TestRollupConfig.builder().build()),
            () -> data.isEmpty() ? StageResult.eof() : StageResult.ready(data.poll()),
            new Fakes.Origin());
    queue.nextFrame();
    assertThat(queue.size()).isEqualTo(IN.size() - 1);
    queue.signal(new Signal.FlushChannel());
    assertThat(queue.size()).isEqualTo(IN.size() - 1);
    queue.signal(new Signal.Activation(OpFork.HOLOCENE));
    assertThat(queue.size()).isZero();
    assertThat(queue.nextFrame()).isInstanceOf(StageResult.Eof.class);
  }
}
