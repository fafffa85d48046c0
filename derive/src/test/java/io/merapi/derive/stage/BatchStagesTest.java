package io.merapi.derive.stage;

import static io.merapi.derive.testing.Blocks.l1Chain;
import static io.merapi.derive.testing.Blocks.mockHash;
import static io.merapi.derive.testing.Blocks.userTx;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.source.L2Source;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.FakeL2Source;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-node's batch queue and batch stage scenarios (batch_queue_test.go {@code TestBatchStages},
 * {@code TestBatchQueue}, the overlapping, complex and reset-span tests), each run with singular
 * and span batches, and the shared ones against both the pre-Holocene batch queue and the Holocene
 * span batch stage and batch stage.
 */
class BatchStagesTest {

  enum BatchType {
    SINGULAR,
    SPAN
  }

  enum StageKind {
    BATCH_QUEUE,
    HOLOCENE_BATCH_STAGE
  }

  /** The stage under test, whichever it is. */
  static final class Stage {
    final SingularBatchProvider provider;
    final BatchQueue queue;
    final BatchStage batchStage;
    final SpanBatchStage spanStage;

    Stage(
        StageKind kind,
        RollupConfig config,
        Fakes.Batches input,
        Fakes.Origin origin,
        L2Source l2) {
      ProtocolParameters params = new ProtocolParameters(config);
      if (kind == StageKind.BATCH_QUEUE) {
        queue = new BatchQueue(params, input, origin, l2);
        batchStage = null;
        spanStage = null;
        provider = queue;
      } else {
        queue = null;
        SpanBatchStage[] span = new SpanBatchStage[1];
        ChannelFlusher flusher =
            () -> {
              span[0].signal(new Signal.FlushChannel());
              input.flush();
            };
        span[0] = new SpanBatchStage(params, input, l2, flusher);
        spanStage = span[0];
        batchStage = new BatchStage(params, spanStage, origin, flusher);
        provider = batchStage;
      }
    }

    StageResult<NextBatch> next(L2BlockRef parent) {
      return provider.nextBatch(parent);
    }

    void reset(L1BlockRef base) {
      Signal reset =
          new Signal.Reset(base, TestRollupConfig.builder().build().genesis().systemConfig());
      if (queue != null) {
        queue.signal(reset);
      } else {
        spanStage.signal(reset);
        batchStage.signal(reset);
      }
    }

    List<L1BlockRef> l1Blocks() {
      return queue != null ? queue.l1Blocks() : batchStage.l1Blocks();
    }

    L1BlockRef origin() {
      return queue != null ? queue.stageOrigin() : batchStage.stageOrigin();
    }
  }

  static Stream<Arguments> bothStages() {
    List<Arguments> out = new ArrayList<>();
    for (StageKind kind : StageKind.values()) {
      for (BatchType type : BatchType.values()) {
        out.add(Arguments.of(kind, type));
      }
    }
    return out.stream();
  }

  /** op-node's test batch {@code b}: a parent hash from the timestamp, one transaction. */
  static SingularBatch b(long timestamp, L1BlockRef epoch) {
    return new SingularBatch(
        mockHash(timestamp - 2, 2),
        epoch.number(),
        epoch.hash(),
        timestamp,
        List.of(userTx(timestamp)));
  }

  static RollupConfig config(BatchType type, long seqWindowSize) {
    TestRollupConfig c =
        TestRollupConfig.builder()
            .l2Time(10)
            .blockTime(2)
            .maxSequencerDrift(600)
            .seqWindowSize(seqWindowSize);
    if (type == BatchType.SPAN) {
      c.onlyFork(OpFork.DELTA, 0);
    }
    return c.build();
  }

  static L2BlockRef safeHead(long time, L1BlockRef origin) {
    return new L2BlockRef(mockHash(time, 2), 0, Hash.ZERO, time, origin.id(), 0);
  }

  /** The safe head after {@code batch} became a block. */
  static L2BlockRef advance(L2BlockRef head, SingularBatch batch) {
    return new L2BlockRef(
        mockHash(batch.timestamp(), 2),
        head.number() + 1,
        head.hash(),
        head.time() + 2,
        new RollupConfig.BlockId(batch.epochHash(), batch.epochNum()),
        0);
  }

  /** The input batches: the singular ones, or span batches of {@code counts} blocks each. */
  static List<Batch> inputs(BatchType type, List<SingularBatch> batches, int... counts) {
    if (type == BatchType.SINGULAR) {
      return new ArrayList<>(batches);
    }
    List<Batch> out = new ArrayList<>();
    int index = 0;
    for (int count : counts) {
      out.add(Blocks.span(batches.subList(index, index + count)));
      index += count;
    }
    return out;
  }

  static final Object EOF = "eof";

  /**
   * Calls the stage once per expected item (a batch, or {@link #EOF}) and advances the safe head
   * after each batch; returns the final safe head.
   */
  static L2BlockRef expect(Stage stage, L2BlockRef head, List<?> expected) {
    for (Object want : expected) {
      StageResult<NextBatch> got = stage.next(head);
      if (want == EOF) {
        assertThat(got).isInstanceOf(StageResult.Eof.class);
      } else {
        assertThat(got).isInstanceOf(StageResult.Ready.class);
        SingularBatch batch = ((StageResult.Ready<NextBatch>) got).value().batch();
        assertThat(batch).isEqualTo(want);
        head = advance(head, batch);
      }
    }
    return head;
  }

  /**
   * After a reset the stage follows the pipeline's origin: while it is behind the safe head's L1
   * origin it keeps no L1 blocks, and it records the origin once caught up.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bothStages")
  void newOrigin(StageKind kind, BatchType type) {
    List<L1BlockRef> l1 = l1Chain(10, 15, 20, 25);
    L2BlockRef head = new L2BlockRef(mockHash(10, 2), 0, Hash.ZERO, 20, l1.get(2).id(), 0);
    Fakes.Origin origin = new Fakes.Origin(l1.get(0));
    Stage stage = new Stage(kind, config(type, 2), new Fakes.Batches(), origin, null_l2());
    stage.reset(l1.get(0));
    assertThat(stage.l1Blocks()).containsExactly(l1.get(0));

    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
    assertThat(stage.l1Blocks()).containsExactly(l1.get(0));
    assertThat(stage.origin()).isEqualTo(l1.get(0));

    origin.set(l1.get(1));
    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
    assertThat(stage.l1Blocks()).isEmpty();
    assertThat(stage.origin()).isEqualTo(l1.get(1));

    origin.set(l1.get(2));
    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
    assertThat(stage.l1Blocks()).containsExactly(l1.get(2));
    assertThat(stage.origin()).isEqualTo(l1.get(2));
  }

  /** A reset one block before the safe head's origin drops that block once the origin arrives. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bothStages")
  void resetOneBlockBeforeOrigin(StageKind kind, BatchType type) {
    List<L1BlockRef> l1 = l1Chain(10, 15, 20, 25);
    L2BlockRef head = new L2BlockRef(mockHash(10, 2), 0, Hash.ZERO, 20, l1.get(1).id(), 0);
    Fakes.Origin origin = new Fakes.Origin(l1.get(0));
    Stage stage = new Stage(kind, config(type, 2), new Fakes.Batches(), origin, null_l2());
    stage.reset(l1.get(0));

    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
    assertThat(stage.l1Blocks()).containsExactly(l1.get(0));

    origin.set(l1.get(1));
    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
    assertThat(stage.l1Blocks()).containsExactly(l1.get(1));
    assertThat(stage.origin()).isEqualTo(l1.get(1));

    origin.set(l1.get(2));
    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
    assertThat(stage.l1Blocks()).containsExactly(l1.get(1), l1.get(2));
    assertThat(stage.origin()).isEqualTo(l1.get(2));
  }

  /** Contiguous batches come out one per call. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bothStages")
  void eager(StageKind kind, BatchType type) {
    List<L1BlockRef> l1 = l1Chain(10, 20, 30);
    List<SingularBatch> batches = new ArrayList<>();
    for (long t = 12; t <= 22; t += 2) {
      batches.add(b(t, l1.get(0)));
    }
    Fakes.Batches input = new Fakes.Batches().addAll(inputs(type, batches, 1, 2, 3));
    Fakes.Origin origin = new Fakes.Origin(l1.get(0));
    Stage stage = new Stage(kind, config(type, 30), input, origin, null_l2());
    stage.reset(l1.get(0));
    origin.set(l1.get(1));
    List<Object> expected = new ArrayList<>(batches);
    expected.add(EOF);
    expect(stage, safeHead(10, l1.get(0)), expected);
  }

  /** Empty batches advance the epoch one at a time once windows expire (op-node CLI-3378). */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bothStages")
  void invalidInternalAdvance(StageKind kind, BatchType type) {
    List<L1BlockRef> l1 = l1Chain(5, 10, 15, 20, 25, 30);
    List<SingularBatch> batches = new ArrayList<>();
    for (long t = 12; t <= 22; t += 2) {
      batches.add(b(t, l1.get(0)));
    }
    Fakes.Batches input = new Fakes.Batches().eof().addAll(inputs(type, batches, 1, 2, 3));
    Fakes.Origin origin = new Fakes.Origin(l1.get(0));
    Stage stage = new Stage(kind, config(type, 2), input, origin, null_l2());
    stage.reset(l1.get(0));
    L2BlockRef head = safeHead(10, l1.get(0));
    head = expect(stage, head, List.of(EOF));
    origin.set(l1.get(1));
    List<Object> expected = new ArrayList<>(batches);
    expected.add(EOF);
    head = expect(stage, head, expected);

    origin.set(l1.get(2));
    head = expect(stage, head, List.of(EOF));

    origin.set(l1.get(3));
    head = expect(stage, head, List.of(empty(head, l1.get(1)), EOF));

    origin.set(l1.get(4));
    expect(stage, head, List.of(empty(head, l1.get(2)), EOF));
  }

  static SingularBatch empty(L2BlockRef parent, L1BlockRef epoch) {
    return new SingularBatch(
        parent.hash(), epoch.number(), epoch.hash(), parent.time() + 2, List.of());
  }

  /** Consecutive batches whose epochs advance; the L1 blocks follow the safe head. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("bothStages")
  void advancedEpoch(StageKind kind, BatchType type) {
    List<L1BlockRef> l1 = l1Chain(0, 6, 12, 18, 24);
    List<SingularBatch> batches = threePerEpoch(l1);
    Fakes.Batches input = new Fakes.Batches().addAll(inputs(type, batches, 2, 2, 2, 3));
    Fakes.Origin origin = new Fakes.Origin(l1.get(2));
    Stage stage = new Stage(kind, config(type, 30), input, origin, null_l2());
    stage.reset(l1.get(1));
    L2BlockRef head = safeHead(4, l1.get(0));
    int originNumber = 2;
    List<Object> expected = new ArrayList<>(batches);
    expected.add(EOF);
    for (Object want : expected) {
      if (want instanceof SingularBatch batch && batch.epochNum() == originNumber) {
        origin.set(l1.get(++originNumber));
      }
      head = expect(stage, head, List.of(want));
    }
  }

  static List<SingularBatch> threePerEpoch(List<L1BlockRef> l1) {
    List<SingularBatch> batches = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      batches.add(b(6 + 2L * i, l1.get(1 + i / 3)));
    }
    return batches;
  }

  /** Batches 12 and 14 are missing: the window expires and empty batches fill the gap. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("batchTypes")
  void missing(BatchType type) {
    List<L1BlockRef> l1 = l1Chain(10, 15, 20, 25);
    SingularBatch b16 = b(16, l1.get(0));
    SingularBatch b22 = b(22, l1.get(1));
    Fakes.Batches input = new Fakes.Batches().addAll(inputs(type, List.of(b16, b22), 1, 1));
    Fakes.Origin origin = new Fakes.Origin(l1.get(0));
    Stage stage = new Stage(StageKind.BATCH_QUEUE, config(type, 2), input, origin, null_l2());
    stage.reset(l1.get(0));
    L2BlockRef head = safeHead(10, l1.get(0));
    // Both are future batches: buffered.
    assertThat(stage.next(head)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(stage.next(head)).isInstanceOf(StageResult.NotEnoughData.class);
    assertThat(stage.queue.buffered()).hasSize(2);

    origin.set(l1.get(1));
    head = expect(stage, head, List.of(EOF));

    // The window of epoch 0 expires at L1 block 2: empty batches up to the next epoch's time.
    origin.set(l1.get(2));
    head = expect(stage, head, List.of(empty(head, l1.get(0))));
    head = expect(stage, head, List.of(empty(head, l1.get(0)), b16));

    origin.set(l1.get(3));
    // One call moves the window to epoch 1, the next makes its empty batch.
    head = expect(stage, head, List.of(EOF, empty(head, l1.get(1))));
  }

  static Stream<BatchType> batchTypes() {
    return Stream.of(BatchType.values());
  }

  /** Shuffled batches come out in order. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("batchTypes")
  void shuffle(BatchType type) {
    List<L1BlockRef> l1 = l1Chain(0, 6, 12, 18, 24);
    List<SingularBatch> batches = threePerEpoch(l1);
    List<Batch> in = inputs(type, batches, 2, 2, 2, 3);
    Collections.shuffle(in, new Random(1234));
    Fakes.Batches input = new Fakes.Batches().addAll(in);
    Fakes.Origin origin = new Fakes.Origin(l1.get(2));
    Stage stage = new Stage(StageKind.BATCH_QUEUE, config(type, 30), input, origin, null_l2());
    stage.reset(l1.get(1));
    runShuffled(stage, origin, l1, safeHead(4, l1.get(0)), batches);
  }

  static void runShuffled(
      Stage stage,
      Fakes.Origin origin,
      List<L1BlockRef> l1,
      L2BlockRef head,
      List<SingularBatch> batches) {
    int originNumber = 2;
    for (SingularBatch want : batches) {
      if (want.epochNum() == originNumber) {
        origin.set(l1.get(++originNumber));
      }
      StageResult<NextBatch> got = stage.next(head);
      for (int i = 0; i < batches.size() && got instanceof StageResult.NotEnoughData; i++) {
        got = stage.next(head);
      }
      assertThat(got).isInstanceOf(StageResult.Ready.class);
      SingularBatch batch = ((StageResult.Ready<NextBatch>) got).value().batch();
      assertThat(batch).isEqualTo(want);
      head = advance(head, batch);
    }
    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
  }

  /** The L2 chain as blocks of {@code batches}: the first is block 1. */
  static FakeL2Source chainOf(List<SingularBatch> batches, L1BlockRef genesisOrigin) {
    FakeL2Source l2 = new FakeL2Source();
    for (int i = 0; i < batches.size(); i++) {
      SingularBatch b = batches.get(i);
      L2BlockRef ref =
          new L2BlockRef(
              mockHash(b.timestamp(), 2),
              i + 1,
              b.parentHash(),
              b.timestamp(),
              new RollupConfig.BlockId(b.epochHash(), b.epochNum()),
              0);
      List<Bytes> txs = new ArrayList<>();
      txs.add(Blocks.depositTx(b.epochNum()));
      txs.addAll(b.transactions());
      l2.add(ref, txs);
    }
    return l2;
  }

  /** Span batches that overlap the safe chain are checked against it and continue it. */
  @Test
  void overlappingSpanBatch() {
    List<L1BlockRef> l1 = l1Chain(10, 20, 30);
    List<SingularBatch> batches = new ArrayList<>();
    for (long t = 12; t <= 22; t += 2) {
      batches.add(b(t, l1.get(0)));
    }
    // [12,14,16], [14,16,18], [16,18,20], [18,20,22]
    Fakes.Batches input = new Fakes.Batches();
    for (int i = 0; i + 3 <= batches.size(); i++) {
      input.add(Blocks.span(batches.subList(i, i + 3)));
    }
    Fakes.Origin origin = new Fakes.Origin(l1.get(0));
    Stage stage =
        new Stage(
            StageKind.BATCH_QUEUE,
            config(BatchType.SPAN, 30),
            input,
            origin,
            chainOf(batches, l1.get(0)));
    stage.reset(l1.get(0));
    origin.set(l1.get(1));
    List<Object> expected = new ArrayList<>(batches);
    expected.add(EOF);
    expect(stage, safeHead(10, l1.get(0)), expected);
  }

  /** Singular and span batches, overlapping and shuffled. */
  @Test
  void complex() {
    List<L1BlockRef> l1 = l1Chain(0, 6, 12, 18, 24);
    List<SingularBatch> batches = threePerEpoch(l1);
    List<Batch> in =
        new ArrayList<>(
            List.of(
                Blocks.span(batches.subList(0, 2)),
                batches.get(2),
                Blocks.span(batches.subList(1, 4)),
                batches.get(4),
                Blocks.span(batches.subList(4, 6)),
                Blocks.span(batches.subList(6, 9))));
    Collections.shuffle(in, new Random(4321));
    Fakes.Batches input = new Fakes.Batches().addAll(in);
    Fakes.Origin origin = new Fakes.Origin(l1.get(2));
    Stage stage =
        new Stage(
            StageKind.BATCH_QUEUE,
            config(BatchType.SPAN, 30),
            input,
            origin,
            chainOf(batches, l1.get(0)));
    stage.reset(l1.get(1));
    runShuffled(stage, origin, l1, safeHead(4, l1.get(0)), batches);
  }

  /**
   * A span batch is handed out block by block; when a block does not become the safe head (the same
   * stale safe head is given again), the rest of the span is dropped.
   */
  @Test
  void resetSpan() {
    List<L1BlockRef> l1 = l1Chain(0, 4, 8);
    List<SingularBatch> batches =
        List.of(b(2, l1.get(0)), b(4, l1.get(1)), b(6, l1.get(1)), b(8, l1.get(2)));
    Fakes.Batches input = new Fakes.Batches().add(Blocks.span(batches));
    Fakes.Origin origin = new Fakes.Origin(l1.get(2));
    Stage stage =
        new Stage(StageKind.BATCH_QUEUE, config(BatchType.SPAN, 30), input, origin, null_l2());
    stage.queue.window().restore(l1.get(2), l1);
    L2BlockRef head = safeHead(0, l1.get(0));

    StageResult<NextBatch> first = stage.next(head);
    assertThat(first).isEqualTo(StageResult.ready(new NextBatch(batches.get(0), false)));
    assertThat(stage.queue.pendingSpanBlocks()).isEqualTo(3);
    // The epoch does not move on until the whole span is handed out.
    assertThat(stage.l1Blocks().get(0)).isEqualTo(l1.get(0));

    head = advance(head, batches.get(0));
    assertThat(stage.next(head)).isEqualTo(StageResult.ready(new NextBatch(batches.get(1), false)));
    assertThat(stage.queue.pendingSpanBlocks()).isEqualTo(2);
    assertThat(stage.l1Blocks().get(0)).isEqualTo(l1.get(0));

    // The second block was not applied: the same safe head again.
    assertThat(stage.next(head)).isInstanceOf(StageResult.Eof.class);
    assertThat(stage.queue.pendingSpanBlocks()).isZero();
  }

  static L2Source null_l2() {
    return new FakeL2Source();
  }
}
