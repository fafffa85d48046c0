package io.merapi.derive.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.batch.SpanBatchElement;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.channel.ChannelOut.AddResult;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.frame.FrameParseResult;
import io.merapi.derive.testing.RandomBatches;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** op-node's {@code channel_out_test.go}, and channels written then read back. */
class ChannelOutTest {
  static final long GENESIS = 1_723_618_465L;
  static final long BLOCK_TIME = 2;
  static final long CHAIN_ID = 420;
  static final ChannelOutConfig CONFIG =
      new ChannelOutConfig(GENESIS, CHAIN_ID, OptionalLong.of(0));

  enum Kind {
    SINGULAR,
    SPAN
  }

  static ChannelOut channel(Kind kind, CompressionAlgo algo, long target, int maxBlocks) {
    SplittableRandom random = new SplittableRandom(7);
    return switch (kind) {
      case SINGULAR -> new SingularChannelOut(CONFIG, Compressor.unbounded(algo), random);
      case SPAN -> new SpanChannelOut(CONFIG, target, algo, maxBlocks, random);
    };
  }

  /** Consecutive blocks' batches, as op-node's tests make them: 2 s apart, epoch fixed. */
  static List<SingularBatch> batches(int count, int txCount) {
    Random random = new Random(0x543331);
    List<SingularBatch> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SingularBatch b = RandomBatches.singularBatch(random, txCount, CHAIN_ID);
      batches.add(
          new SingularBatch(
              b.parentHash(),
              42_000,
              Hash.fromHex("0xdead42" + "00".repeat(29)),
              GENESIS + 420_000 + BLOCK_TIME * i,
              b.transactions()));
    }
    return batches;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aBlockMustStartWithItsL1Attributes(Kind kind) {
    ChannelOut out = channel(kind, CompressionAlgo.ZLIB, 128_000, 0);
    Block noDeposit =
        new Block(
            Header.builder().number(1).build(),
            new BlockBody(
                List.of(RandomBatches.transaction(new Random(1), CHAIN_ID, false)),
                List.of(),
                java.util.Optional.empty()));
    assertThatThrownBy(() -> out.addBlock(noDeposit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a deposit");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void framesTooSmallForTheOverheadAreRefused(Kind kind) {
    ChannelOut out = channel(kind, CompressionAlgo.ZLIB, 128_000, 0);
    for (int size = 0; size < Frame.OVERHEAD; size++) {
      int maxSize = size;
      assertThatThrownBy(() -> out.outputFrame(maxSize))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aFrameThatTakesExactlyTheRestIsTheLast(Kind kind) {
    ChannelOut out = channel(kind, CompressionAlgo.ZLIB, 128_000, 0);
    assertThat(out.addSingularBatch(batches(1, 1).get(0), 0)).isEqualTo(AddResult.ADDED);
    out.close();
    Frame frame = out.outputFrame(out.readyBytes() + Frame.OVERHEAD);
    assertThat(frame.isLast()).isTrue();
    assertThat(frame.frameNumber()).isZero();
    assertThatThrownBy(() -> out.outputFrame(1000)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void noBlocksAfterClosing() {
    ChannelOut out = channel(Kind.SPAN, CompressionAlgo.ZLIB, 128_000, 0);
    out.close();
    assertThatThrownBy(() -> out.addSingularBatch(batches(1, 1).get(0), 0))
        .isInstanceOf(IllegalStateException.class);
  }

  // TestSpanChannelOut: each for every compression.

  @ParameterizedTest
  @EnumSource(CompressionAlgo.class)
  void aFirstBatchOverTheTargetStaysAndFillsTheChannel(CompressionAlgo algo) {
    ChannelOut out = channel(Kind.SPAN, algo, 300, 0);
    List<SingularBatch> batches = batches(2, 5);
    assertThat(new BatchData.Singular(batches.get(0)).encode().length()).isGreaterThan(300);
    assertThat(out.addSingularBatch(batches.get(0), 0)).isEqualTo(AddResult.ADDED);
    assertThat(out.readyBytes()).isPositive();
    assertThat(out.isFull()).isTrue();
    assertThat(out.addSingularBatch(batches.get(1), 0)).isEqualTo(AddResult.CHANNEL_FULL);
  }

  @ParameterizedTest
  @EnumSource(CompressionAlgo.class)
  void aBatchThatOverfillsTheChannelIsUndone(CompressionAlgo algo) {
    List<SingularBatch> batches = batches(2, 1);
    // Between one batch's compressed size and two batches'.
    long one = compressedSize(algo, batches.subList(0, 1));
    long two = compressedSize(algo, batches);
    assertThat(two).isGreaterThan(one + 10);
    ChannelOut out = channel(Kind.SPAN, algo, (one + two) / 2, 0);
    assertThat(out.addSingularBatch(batches.get(0), 0)).isEqualTo(AddResult.ADDED);
    assertThat(out.readyBytes()).as("not compressed, not ready").isZero();
    int rlp = out.inputBytes();
    assertThat(out.addSingularBatch(batches.get(1), 0)).isEqualTo(AddResult.CHANNEL_FULL);
    assertThat(out.inputBytes()).isEqualTo(rlp);
    assertThat(out.readyBytes()).isEqualTo((int) one);
  }

  private static long compressedSize(CompressionAlgo algo, List<SingularBatch> batches) {
    ChannelOut out = channel(Kind.SPAN, algo, Long.MAX_VALUE, 0);
    for (SingularBatch batch : batches) {
      out.addSingularBatch(batch, 0);
    }
    out.close();
    return out.readyBytes();
  }

  @ParameterizedTest
  @EnumSource(CompressionAlgo.class)
  void closingCompressesWhatIsBelowTheTarget(CompressionAlgo algo) {
    ChannelOut out = channel(Kind.SPAN, algo, 1100, 0);
    assertThat(out.addSingularBatch(batches(1, 1).get(0), 0)).isEqualTo(AddResult.ADDED);
    int rlp = out.inputBytes();
    assertThat(rlp).isLessThan(1100);
    assertThat(out.readyBytes()).isZero();
    out.close();
    assertThat(out.readyBytes()).isPositive();
    assertThat(out.inputBytes()).isEqualTo(rlp);
  }

  @Test
  void batchesOverTheRlpLimitAreRefusedBeforeFjord() {
    ChannelOutConfig preFjord = new ChannelOutConfig(GENESIS, CHAIN_ID, OptionalLong.empty());
    // One transaction with 10 MB of calldata.
    Bytes tx =
        Bytes.wrap(
            new io.merapi.types.transaction.DynamicFeeTransaction(
                    CHAIN_ID,
                    0,
                    io.merapi.base.uint.UInt256.ONE,
                    io.merapi.base.uint.UInt256.ONE,
                    30_000_000,
                    java.util.Optional.empty(),
                    io.merapi.base.uint.UInt256.ZERO,
                    Bytes.wrap(new byte[10_000_000]),
                    io.merapi.types.transaction.AccessList.EMPTY,
                    io.merapi.base.uint.UInt256.ZERO,
                    io.merapi.base.uint.UInt256.ONE,
                    io.merapi.base.uint.UInt256.ONE)
                .encoded());
    SingularBatch big = new SingularBatch(Hash.ZERO, 1, Hash.ZERO, GENESIS + 2, List.of(tx));
    SplittableRandom random = new SplittableRandom(1);
    ChannelOut singular =
        new SingularChannelOut(preFjord, Compressor.unbounded(CompressionAlgo.ZLIB), random);
    assertThat(singular.addSingularBatch(big, 0)).isEqualTo(AddResult.TOO_MANY_RLP_BYTES);
    ChannelOut span = new SpanChannelOut(preFjord, 1_000_000, CompressionAlgo.ZLIB, 0, random);
    assertThat(span.addSingularBatch(big, 0)).isEqualTo(AddResult.TOO_MANY_RLP_BYTES);
    ChannelOut fjord = new SpanChannelOut(CONFIG, 1_000_000, CompressionAlgo.ZLIB, 0, random);
    assertThat(fjord.addSingularBatch(big, 0)).isEqualTo(AddResult.ADDED);
  }

  @Test
  void theShadowCompressorKeepsTheChannelUnderItsTarget() {
    long target = 10_000;
    ChannelOut out =
        new SingularChannelOut(
            CONFIG, new ShadowCompressor(target, CompressionAlgo.ZLIB), new SplittableRandom(3));
    List<SingularBatch> batches = batches(200, 3);
    int added = 0;
    for (SingularBatch batch : batches) {
      if (out.addSingularBatch(batch, 1) != AddResult.ADDED) {
        break;
      }
      added++;
    }
    assertThat(out.isFull()).isTrue();
    assertThat(added).isBetween(2, 199);
    out.close();
    assertThat(out.readyBytes()).isLessThanOrEqualTo((int) target);
    assertThat(readBack(out.outputFrames(ChannelOut.MAX_CALLDATA_FRAME_SIZE), false))
        .isEqualTo(
            batches.subList(0, added).stream()
                .map(b -> (BatchData) new BatchData.Singular(b))
                .toList());
  }

  // TestSpanChannelOut_MaxBlocksPerSpanBatch: several span batches in one channel.

  @Test
  void maxBlocksPerSpanBatchStartsNewSpanBatches() {
    List<SingularBatch> batches = batches(10, 2);
    ChannelOut out = channel(Kind.SPAN, CompressionAlgo.BROTLI_10, 1_000_000, 4);
    for (int i = 0; i < batches.size(); i++) {
      assertThat(out.addSingularBatch(batches.get(i), i)).isEqualTo(AddResult.ADDED);
    }
    List<BatchData> read = readBack(out.outputFrames(ChannelOut.MAX_BLOB_FRAME_SIZE), true);
    assertThat(read).hasSize(3);
    List<SpanBatchElement> blocks = new ArrayList<>();
    for (BatchData data : read) {
      SpanBatch span = ((BatchData.Span) data).batch().toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID);
      blocks.addAll(span.blocks());
    }
    assertThat(read.stream().map(d -> ((BatchData.Span) d).batch().blockCount()))
        .containsExactly(4, 4, 2);
    assertThat(blocks).isEqualTo(batches.stream().map(ChannelOutTest::element).toList());
  }

  static SpanBatchElement element(SingularBatch batch) {
    return new SpanBatchElement(batch.timestamp(), batch.epochNum(), batch.transactions());
  }

  /** Frames to batcher transaction data, through a channel, to batches. */
  static List<BatchData> readBack(List<Frame> frames, boolean viaBlobs) {
    L1BlockRef l1 = new L1BlockRef(Hash.ZERO, 1, Hash.ZERO, 0);
    Channel channel = new Channel(frames.get(0).channelId(), l1, true);
    for (Frame frame : frames) {
      Bytes data = BatcherTransaction.encode(frame);
      if (viaBlobs) {
        data = BlobEncoding.decode(BlobEncoding.encode(data));
      }
      FrameParseResult parsed = BatcherTransaction.parseFrames(data);
      assertThat(parsed).isEqualTo(new FrameParseResult.Valid(List.of(frame)));
      assertThat(channel.addFrame(frame, l1)).isEmpty();
    }
    assertThat(channel.isReady()).isTrue();
    List<BatchData> batches = new ArrayList<>();
    try (BatchReader reader = BatchReader.open(channel.data(), 100_000_000, true)) {
      while (reader.next() instanceof BatchReadResult.Read read) {
        batches.add(read.batch());
      }
      assertThat(reader.next())
          .isEqualTo(new BatchReadResult.End(BatchReadResult.EndReason.END_OF_STREAM, ""));
    }
    return batches;
  }

  record RoundTrip(Kind kind, CompressionAlgo algo, int frameSize) {}

  static List<RoundTrip> roundTrips() {
    List<RoundTrip> list = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (CompressionAlgo algo : CompressionAlgo.values()) {
        list.add(new RoundTrip(kind, algo, 200));
        list.add(new RoundTrip(kind, algo, ChannelOut.MAX_BLOB_FRAME_SIZE));
      }
    }
    return list;
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  void channelsReadBackAsWritten(RoundTrip trip) {
    List<SingularBatch> batches = batches(12, 3);
    ChannelOut out = channel(trip.kind(), trip.algo(), 1_000_000, 0);
    for (int i = 0; i < batches.size(); i++) {
      assertThat(out.addSingularBatch(batches.get(i), i)).isEqualTo(AddResult.ADDED);
    }
    List<Frame> frames = out.outputFrames(trip.frameSize());
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).frameNumber()).isEqualTo(i);
      assertThat(frames.get(i).encodedLength()).isLessThanOrEqualTo(trip.frameSize());
      assertThat(frames.get(i).channelId()).isEqualTo(out.id());
    }
    List<BatchData> read = readBack(frames, trip.frameSize() > 1000);
    Function<SingularBatch, SpanBatchElement> element = ChannelOutTest::element;
    switch (trip.kind()) {
      case SINGULAR ->
          assertThat(read)
              .isEqualTo(batches.stream().map(b -> (BatchData) new BatchData.Singular(b)).toList());
      case SPAN -> {
        assertThat(read).hasSize(1);
        SpanBatch span =
            ((BatchData.Span) read.get(0)).batch().toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID);
        assertThat(span.blocks()).isEqualTo(batches.stream().map(element).toList());
        assertThat(span.parentCheck())
            .isEqualTo(
                Bytes.wrap(java.util.Arrays.copyOf(batches.get(0).parentHash().array(), 20)));
      }
    }
  }

  @Test
  void resetStartsAnEmptyChannelWithANewId() {
    ChannelOut out = channel(Kind.SPAN, CompressionAlgo.ZLIB, 1_000_000, 0);
    var first = out.id();
    out.addSingularBatch(batches(1, 1).get(0), 0);
    out.close();
    out.reset();
    assertThat(out.id()).isNotEqualTo(first);
    assertThat(out.isClosed()).isFalse();
    assertThat(out.inputBytes()).isZero();
    assertThat(ChannelOut.targetOutputSize(6, ChannelOut.MAX_BLOB_FRAME_SIZE))
        .isEqualTo(6L * (130_043 - 23));
  }
}
