package io.merapi.derive.stage;

import static io.merapi.derive.testing.Blocks.l1Chain;
import static io.merapi.derive.testing.Blocks.mockHash;
import static io.merapi.derive.testing.TestFrames.frames;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.FakeL2Source;
import io.merapi.derive.testing.TestFrames;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.OpFork;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Holocene stage switch, field by field (holocene/derivation.md "Activation"): the frame queue,
 * the channel bank and the batch queue lose everything they hold; the batch stage that takes over
 * keeps exactly the batch queue's L1 origin and L1 blocks; other forks change nothing.
 */
class HoloceneTransitionTest {
  static final Signal HOLOCENE = new Signal.Activation(OpFork.HOLOCENE);

  final ProtocolParameters params =
      new ProtocolParameters(TestRollupConfig.builder().fork(OpFork.GRANITE, 0).build());

  @Test
  void frameQueueIsEmptied() {
    Deque<Bytes> data =
        new ArrayDeque<>(List.of(TestFrames.batcherData(frames("a:0:x", "a:1:y", "b:0:z"))));
    FrameQueue queue =
        new FrameQueue(
            params,
            () -> data.isEmpty() ? StageResult.eof() : StageResult.ready(data.poll()),
            new Fakes.Origin());
    queue.nextFrame();
    assertThat(queue.size()).isEqualTo(2);
    queue.signal(new Signal.Activation(OpFork.FJORD));
    assertThat(queue.size()).isEqualTo(2);
    queue.signal(HOLOCENE);
    assertThat(queue.size()).isZero();
  }

  @Test
  void channelBankIsEmptied() {
    Fakes.Frames input = new Fakes.Frames();
    ChannelBank bank = new ChannelBank(params, input, new Fakes.Origin());
    input.add(frames("a:0:x", "b:1:y", "b:0:z"));
    while (!(bank.nextRawChannel() instanceof StageResult.Eof)) {}
    assertThat(bank.channelQueue()).hasSize(2);
    bank.signal(new Signal.Activation(OpFork.GRANITE));
    assertThat(bank.channelQueue()).hasSize(2);
    bank.signal(HOLOCENE);
    assertThat(bank.channelQueue()).isEmpty();
  }

  /**
   * The batch queue with a buffered future batch and half of a span batch handed out: both are
   * dropped; the batch stage continues with the same origin and L1 blocks.
   */
  @Test
  void batchQueueIsEmptiedAndItsL1BlocksCarryOver() {
    List<L1BlockRef> l1 = l1Chain(0, 6, 12, 18);
    Fakes.Origin origin = new Fakes.Origin(l1.get(1));
    Fakes.Batches input = new Fakes.Batches();
    BatchQueue queue =
        new BatchQueue(
            new ProtocolParameters(
                TestRollupConfig.builder().l2Time(0).fork(OpFork.GRANITE, 0).build()),
            input,
            origin,
            new FakeL2Source());
    queue.signal(
        new Signal.Reset(l1.get(0), TestRollupConfig.builder().build().genesis().systemConfig()));
    L2BlockRef head = new L2BlockRef(mockHash(4, 2), 0, Hash.ZERO, 4, l1.get(0).id(), 0);
    SingularBatch b6 = batch(6, l1.get(1));
    SingularBatch b8 = batch(8, l1.get(1));
    SingularBatch b12 = batch(12, l1.get(1));
    input.add(Blocks.span(b6, b8), b12);
    // The span is accepted and its first block handed out; the future batch 12 waits.
    assertThat(queue.nextBatch(head)).isEqualTo(StageResult.ready(new NextBatch(b6, false)));
    assertThat(queue.nextBatch(advance(head, b6)))
        .isEqualTo(StageResult.ready(new NextBatch(b8, true)));
    origin.set(l1.get(2));
    L2BlockRef at8 = advance(advance(head, b6), b8);
    // Batch 12 is read and buffered as a future batch (10 is missing).
    assertThat(queue.nextBatch(at8)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(queue.buffered()).hasSize(1);
    input.add(Blocks.span(batch(10, l1.get(1)), batch(12, l1.get(1))));
    assertThat(queue.nextBatch(at8)).isInstanceOf(StageResult.Ready.class);
    assertThat(queue.pendingSpanBlocks()).isEqualTo(1);
    List<L1BlockRef> l1Blocks = queue.l1Blocks();
    L1BlockRef stageOrigin = queue.stageOrigin();

    BatchStage stage =
        BatchStage.continuing(queue, params, (p, b, i) -> StageResult.eof(), origin, () -> {});
    queue.signal(HOLOCENE);

    assertThat(queue.buffered()).isEmpty();
    assertThat(queue.pendingSpanBlocks()).isZero();
    assertThat(stage.l1Blocks()).isEqualTo(l1Blocks).containsExactly(l1.get(1), l1.get(2));
    assertThat(stage.stageOrigin()).isEqualTo(stageOrigin).isEqualTo(l1.get(2));
    // The copy is the stage's own: the queue's window going on does not move it.
    origin.set(l1.get(3));
    queue.nextBatch(at8);
    assertThat(stage.l1Blocks()).containsExactly(l1.get(1), l1.get(2));
  }

  static SingularBatch batch(long timestamp, L1BlockRef epoch) {
    return new SingularBatch(
        mockHash(timestamp - 2, 2),
        epoch.number(),
        epoch.hash(),
        timestamp,
        List.of(Blocks.userTx(timestamp)));
  }

  static L2BlockRef advance(L2BlockRef head, SingularBatch batch) {
    return new L2BlockRef(
        mockHash(batch.timestamp(), 2),
        head.number() + 1,
        head.hash(),
        batch.timestamp(),
        new io.merapi.types.config.RollupConfig.BlockId(batch.epochHash(), batch.epochNum()),
        0);
  }

  /** The span batch stage and the channel reader drop their state on the switch. */
  @Test
  void spanStageAndChannelReaderDropTheirState() {
    Fakes.Batches input = new Fakes.Batches();
    SpanBatchStage span = new SpanBatchStage(params, input, new FakeL2Source(), () -> {});
    span.signal(HOLOCENE);
    assertThat(span.pendingSpanBlocks()).isZero();
    ChannelInReader reader =
        new ChannelInReader(
            params,
            () ->
                StageResult.ready(
                    io.merapi.derive.testing.Channels.singular(
                        List.of(batch(2, l1Chain(0).get(0))))),
            new Fakes.Origin());
    reader.nextBatch();
    assertThat(reader.isReading()).isTrue();
    reader.signal(HOLOCENE);
    assertThat(reader.isReading()).isFalse();
  }
}
