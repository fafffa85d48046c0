package io.merapi.derive.stage;

import static io.merapi.derive.testing.Blocks.l1Chain;
import static io.merapi.derive.testing.Blocks.mockHash;
import static io.merapi.derive.testing.Blocks.userTx;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.FakeL2Source;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Holocene batch stages (holocene/derivation.md "Span Batches", "Batch Queue", "Fast Channel
 * Invalidation"): partial span batch validity, flushing the channel on an invalid batch, skipping
 * past ones, and what the pre-Holocene batch queue does with the same span.
 */
class HoloceneBatchStagesTest {
  final List<L1BlockRef> l1 = l1Chain(10, 20, 30);
  final Fakes.Origin origin = new Fakes.Origin(l1.get(0));
  final Fakes.Batches input = new Fakes.Batches();
  final RollupConfig config =
      TestRollupConfig.builder().l2Time(10).seqWindowSize(30).fork(OpFork.HOLOCENE, 0).build();
  final ProtocolParameters params = new ProtocolParameters(config);
  int flushes;
  SpanBatchStage span;
  BatchStage stage;

  HoloceneBatchStagesTest() {
    ChannelFlusher flusher =
        () -> {
          flushes++;
          span.signal(new Signal.FlushChannel());
          input.flush();
        };
    span = new SpanBatchStage(params, input, new FakeL2Source(), flusher);
    stage = new BatchStage(params, span, origin, flusher);
    stage.signal(new Signal.Reset(l1.get(0), config.genesis().systemConfig()));
    origin.set(l1.get(1));
  }

  static SingularBatch b(long timestamp, L1BlockRef epoch, Bytes... txs) {
    return new SingularBatch(
        mockHash(timestamp - 2, 2),
        epoch.number(),
        epoch.hash(),
        timestamp,
        txs.length == 0 ? List.of(userTx(timestamp)) : List.of(txs));
  }

  static L2BlockRef advance(L2BlockRef head, SingularBatch batch) {
    return new L2BlockRef(
        mockHash(batch.timestamp(), 2),
        head.number() + 1,
        head.hash(),
        batch.timestamp(),
        new RollupConfig.BlockId(batch.epochHash(), batch.epochNum()),
        0);
  }

  final L2BlockRef genesis =
      new L2BlockRef(mockHash(10, 2), 0, Hash.ZERO, 10, l1Chain(10).get(0).id(), 0);

  /**
   * A span whose second block holds a deposit: the first block is accepted on its own, the second
   * drops the rest of the span and of its channel; the next channel goes on.
   */
  @Test
  void partialSpanBatchValidity() {
    SingularBatch b12 = b(12, l1.get(0));
    SingularBatch b14 = b(14, l1.get(0), Bytes.of((byte) 0x7e, (byte) 1));
    SingularBatch b16 = b(16, l1.get(0));
    SingularBatch rest = b(18, l1.get(0));
    input.add(Blocks.span(b12, b14, b16), rest).eof().add(b(14, l1.get(0)));

    L2BlockRef head = genesis;
    assertThat(stage.nextBatch(head)).isEqualTo(StageResult.ready(new NextBatch(b12, true)));
    head = advance(head, b12);
    assertThat(span.pendingSpanBlocks()).isEqualTo(2);
    // Block 14 is invalid: dropped, with block 16 and batch 18 of the same channel.
    assertThat(stage.nextBatch(head)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(flushes).isEqualTo(1);
    assertThat(span.pendingSpanBlocks()).isZero();
    // The end of the flushed channel's L1 block, then the next channel's batch for 14.
    assertThat(stage.nextBatch(head)).isInstanceOf(StageResult.Eof.class);
    SingularBatch next = b(14, l1.get(0));
    assertThat(stage.nextBatch(head)).isEqualTo(StageResult.ready(new NextBatch(next, true)));
  }

  /** Before Holocene the same span batch is invalid as a whole: nothing of it is derived. */
  @Test
  void preHoloceneTheWholeSpanIsDropped() {
    RollupConfig granite =
        TestRollupConfig.builder().l2Time(10).seqWindowSize(30).fork(OpFork.GRANITE, 0).build();
    Fakes.Batches in = new Fakes.Batches();
    BatchQueue queue =
        new BatchQueue(new ProtocolParameters(granite), in, origin, new FakeL2Source());
    queue.signal(new Signal.Reset(l1.get(0), granite.genesis().systemConfig()));
    in.add(
        Blocks.span(
            b(12, l1.get(0)), b(14, l1.get(0), Bytes.of((byte) 0x7e, (byte) 1)), b(16, l1.get(0))));
    assertThat(queue.nextBatch(genesis)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(queue.buffered()).isEmpty();
    assertThat(queue.nextBatch(genesis)).isInstanceOf(StageResult.Eof.class);
  }

  /** A future batch is dropped with the rest of its channel. */
  @Test
  void futureBatchFlushesTheChannel() {
    input.add(b(14, l1.get(0)), b(12, l1.get(0)));
    assertThat(stage.nextBatch(genesis)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(flushes).isEqualTo(1);
    assertThat(stage.nextBatch(genesis)).isInstanceOf(StageResult.Eof.class);
  }

  /** A past batch is skipped silently; the channel goes on. */
  @Test
  void pastBatchIsSkipped() {
    SingularBatch b12 = b(12, l1.get(0));
    L2BlockRef head = advance(genesis, b12);
    SingularBatch b14 = b(14, l1.get(0));
    input.add(b12, b14);
    assertThat(stage.nextBatch(head)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(stage.nextBatch(head)).isEqualTo(StageResult.ready(new NextBatch(b14, true)));
    assertThat(flushes).isZero();
  }

  /** A span entirely before the safe head is past: skipped without flushing. */
  @Test
  void pastSpanIsSkipped() {
    SingularBatch b12 = b(12, l1.get(0));
    SingularBatch b14 = b(14, l1.get(0));
    L2BlockRef head = advance(advance(genesis, b12), b14);
    SingularBatch b16 = b(16, l1.get(0));
    input.add(Blocks.span(b12, b14), b16);
    assertThat(stage.nextBatch(head)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(stage.nextBatch(head)).isEqualTo(StageResult.ready(new NextBatch(b16, true)));
    assertThat(flushes).isZero();
  }

  /** A span whose parent check fails is invalid: its channel is flushed. */
  @Test
  void invalidSpanPrefixFlushesTheChannel() {
    SingularBatch wrongParent =
        new SingularBatch(Blocks.hash("elsewhere"), 0, l1.get(0).hash(), 12, List.of());
    input.add(Blocks.span(wrongParent, b(14, l1.get(0))), b(12, l1.get(0)));
    assertThat(stage.nextBatch(genesis)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(flushes).isEqualTo(1);
    assertThat(stage.nextBatch(genesis)).isInstanceOf(StageResult.Eof.class);
  }

  /**
   * An overlapping span whose first new block has an L1 origin before the safe head's is invalid
   * (holocene/derivation.md "a known footgun"): dropped with its channel, not a critical error.
   */
  @Test
  void spanWithOutdatedOriginIsDroppedNotCritical() {
    L1BlockRef e1 = l1.get(1);
    origin.set(l1.get(2));
    SingularBatch b12 = b(12, e1);
    L2BlockRef head = advance(genesis, b12);
    FakeL2Source chain = new FakeL2Source().add(genesis).add(head);
    ChannelFlusher flusher =
        () -> {
          flushes++;
          input.flush();
        };
    SpanBatchStage spans = new SpanBatchStage(params, input, chain, flusher);
    // Blocks 12 (epoch 1, overlapping) and 14 (epoch 0: before the safe head's origin) - not a
    // span a batcher could encode, but one the prefix checks cannot see.
    io.merapi.derive.batch.SpanBatch outdated =
        new io.merapi.derive.batch.SpanBatch(
            Blocks.check(genesis.hash()),
            Blocks.check(e1.hash()),
            List.of(
                new io.merapi.derive.batch.SpanBatchElement(12, 1, List.of()),
                new io.merapi.derive.batch.SpanBatchElement(14, 0, List.of()),
                new io.merapi.derive.batch.SpanBatchElement(16, 1, List.of())));
    input.add(outdated);
    assertThat(spans.nextBatch(head, List.of(e1, l1.get(2)), l1.get(2)))
        .isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(flushes).isEqualTo(1);
  }

  /**
   * An overlapping span whose parent the L2 chain cannot give right now is neither dropped nor
   * lost: a temporary failure, and the same span is checked again on the next call.
   */
  @Test
  void spanThatCannotBeCheckedYetIsKeptForTheNextCall() {
    L1BlockRef e1 = l1.get(1);
    origin.set(l1.get(2));
    SingularBatch b12 = b(12, e1);
    SingularBatch b14 = b(14, e1);
    L2BlockRef head = advance(advance(genesis, b12), b14);
    FakeL2Source chain = new FakeL2Source().add(genesis).add(advance(genesis, b12)).add(head);
    chain.fail(0);
    SpanBatchStage spans = new SpanBatchStage(params, input, chain, () -> flushes++);
    // Blocks 12 (overlapping the safe head 14's chain) to 16: its parent is block 0.
    io.merapi.derive.batch.SpanBatch overlapping =
        new io.merapi.derive.batch.SpanBatch(
            Blocks.check(genesis.hash()),
            Blocks.check(e1.hash()),
            List.of(
                new io.merapi.derive.batch.SpanBatchElement(12, 1, b12.transactions()),
                new io.merapi.derive.batch.SpanBatchElement(14, 1, b14.transactions()),
                new io.merapi.derive.batch.SpanBatchElement(16, 1, List.of())));
    input.add(overlapping);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> spans.nextBatch(head, List.of(e1, l1.get(2)), l1.get(2)))
        .isInstanceOf(io.merapi.derive.DerivationException.Temporary.class);
    chain.recover(0);
    StageResult<SingularBatch> next = spans.nextBatch(head, List.of(e1, l1.get(2)), l1.get(2));
    assertThat(flushes).isZero();
    assertThat(next).isNotInstanceOf(StageResult.Eof.class);
  }

  /** The empty batches of an expired window come after every channel is drained. */
  @Test
  void emptyBatchesAfterWindowExpiry() {
    RollupConfig small =
        TestRollupConfig.builder().l2Time(10).seqWindowSize(1).fork(OpFork.HOLOCENE, 0).build();
    ProtocolParameters p = new ProtocolParameters(small);
    BatchStage s = new BatchStage(p, span, origin, () -> {});
    s.signal(new Signal.Reset(l1.get(0), small.genesis().systemConfig()));
    origin.set(l1.get(1));
    StageResult<NextBatch> got = s.nextBatch(genesis);
    assertThat(got)
        .isEqualTo(
            StageResult.ready(
                new NextBatch(
                    new SingularBatch(genesis.hash(), 0, l1.get(0).hash(), 12, List.of()), true)));
  }
}
