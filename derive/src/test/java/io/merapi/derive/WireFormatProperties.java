package io.merapi.derive;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.RawSpanBatch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.batch.SpanBatchElement;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.channel.BatchReadResult;
import io.merapi.derive.channel.BatchReader;
import io.merapi.derive.channel.Channel;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.Compressor;
import io.merapi.derive.channel.SingularChannelOut;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.frame.FrameParseResult;
import io.merapi.derive.testing.RandomBatches;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Encode-then-decode is the identity: for random blocks with random transactions of every type a
 * span batch carries, through span batches, channels (both kinds, every compression), frames of
 * random sizes, batcher transactions and blobs; and for frames and blob data on their own.
 */
class WireFormatProperties {
  private static final long GENESIS = 1_700_000_000L;
  private static final long BLOCK_TIME = 2;
  private static final long CHAIN_ID = 10;

  @Property(tries = 200)
  void spanBatchesSurviveTheirWireForm(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int blocks) {
    Random random = new Random(seed);
    SpanBatch batch = RandomBatches.spanBatch(random, blocks, GENESIS, BLOCK_TIME, CHAIN_ID, true);
    boolean firstBit = random.nextBoolean();
    Bytes encoded =
        new BatchData.Span(RawSpanBatch.fromSpanBatch(batch, firstBit, GENESIS, CHAIN_ID)).encode();
    BatchData decoded = BatchData.decode(encoded);
    RawSpanBatch raw = ((BatchData.Span) decoded).batch();
    assertThat(raw.originBit(0)).isEqualTo(firstBit);
    assertThat(raw.toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID)).isEqualTo(batch);
    assertThat(decoded.encode()).isEqualTo(encoded);
  }

  /** Consecutive blocks: 2 s apart, epochs advancing by 0 or 1, sequence numbers with them. */
  record Block(SingularBatch batch, long sequenceNumber) {}

  private static List<Block> blocks(Random random, int count) {
    List<Block> blocks = new ArrayList<>();
    long epoch = 1000 + random.nextInt(1000);
    long sequence = random.nextInt(3);
    Hash parent = RandomBatches.hash(random);
    Hash epochHash = RandomBatches.hash(random);
    for (int i = 0; i < count; i++) {
      if (i > 0 && random.nextInt(3) == 0) {
        epoch++;
        sequence = 0;
        epochHash = RandomBatches.hash(random);
      } else if (i > 0) {
        sequence++;
      }
      List<Bytes> txs = RandomBatches.transactions(random, random.nextInt(5), CHAIN_ID, true);
      SingularBatch batch =
          new SingularBatch(parent, epoch, epochHash, GENESIS + 100 + BLOCK_TIME * i, txs);
      blocks.add(new Block(batch, sequence));
      parent = RandomBatches.hash(random);
    }
    return blocks;
  }

  @Property(tries = 120)
  void channelsCarryBlocksThroughFramesAndBlobs(
      @ForAll long seed,
      @ForAll boolean span,
      @ForAll CompressionAlgo algo,
      @ForAll boolean blobs,
      @ForAll @IntRange(min = 1, max = 15) int count) {
    Random random = new Random(seed);
    List<Block> blocks = blocks(random, count);
    ChannelOutConfig config = new ChannelOutConfig(GENESIS, CHAIN_ID, OptionalLong.of(0));
    SplittableRandom ids = new SplittableRandom(seed);
    ChannelOut out =
        span
            ? new SpanChannelOut(config, 10_000_000, algo, random.nextInt(4), ids)
            : new SingularChannelOut(config, Compressor.unbounded(algo), ids);
    for (Block block : blocks) {
      assertThat(out.addSingularBatch(block.batch(), block.sequenceNumber()))
          .isEqualTo(ChannelOut.AddResult.ADDED);
    }
    int frameSize =
        blobs ? ChannelOut.MAX_BLOB_FRAME_SIZE : Frame.OVERHEAD + 1 + random.nextInt(3000);
    List<Frame> frames = out.outputFrames(frameSize);

    L1BlockRef l1 = new L1BlockRef(Hash.ZERO, 1, Hash.ZERO, 0);
    Channel channel = new Channel(out.id(), l1, true);
    for (Frame frame : frames) {
      Bytes txData = BatcherTransaction.encode(frame);
      if (blobs) {
        txData = BlobEncoding.decode(BlobEncoding.encode(txData));
      }
      FrameParseResult parsed = BatcherTransaction.parseFrames(txData);
      assertThat(parsed).isEqualTo(new FrameParseResult.Valid(List.of(frame)));
      assertThat(channel.addFrame(frame, l1)).isEmpty();
    }
    assertThat(channel.isReady()).isTrue();

    List<SpanBatchElement> read = new ArrayList<>();
    List<SingularBatch> singular = new ArrayList<>();
    try (BatchReader reader = BatchReader.open(channel.data(), 100_000_000, true)) {
      BatchReadResult result;
      while ((result = reader.next()) instanceof BatchReadResult.Read r) {
        switch (r.batch()) {
          case BatchData.Singular s -> singular.add(s.batch());
          case BatchData.Span s -> {
            SpanBatch spanBatch = s.batch().toSpanBatch(BLOCK_TIME, GENESIS, CHAIN_ID);
            int first = read.size();
            SingularBatch firstBlock = blocks.get(first).batch();
            assertThat(spanBatch.parentCheck().toArray())
                .isEqualTo(Arrays.copyOf(firstBlock.parentHash().array(), 20));
            SingularBatch lastBlock = blocks.get(first + spanBatch.blocks().size() - 1).batch();
            assertThat(spanBatch.l1OriginCheck().toArray())
                .isEqualTo(Arrays.copyOf(lastBlock.epochHash().array(), 20));
            read.addAll(spanBatch.blocks());
          }
        }
      }
      assertThat(((BatchReadResult.End) result).isClean()).isTrue();
    }
    if (span) {
      assertThat(read)
          .isEqualTo(
              blocks.stream()
                  .map(
                      b ->
                          new SpanBatchElement(
                              b.batch().timestamp(),
                              b.batch().epochNum(),
                              b.batch().transactions()))
                  .toList());
    } else {
      assertThat(singular).isEqualTo(blocks.stream().map(Block::batch).toList());
    }
  }

  @Property(tries = 200)
  void framesSurviveBatcherTransactions(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 8) int count) {
    Random random = new Random(seed);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      frames.add(
          new Frame(
              new ChannelId(Bytes.wrap(id)),
              random.nextInt(0x10000),
              RandomBatches.bytes(random, 3000),
              random.nextBoolean()));
    }
    assertThat(BatcherTransaction.parseFrames(BatcherTransaction.encode(frames)))
        .isEqualTo(new FrameParseResult.Valid(frames));
  }

  @Property(tries = 100)
  void blobsCarryAnyDataUpToTheirSize(@ForAll long seed) {
    Random random = new Random(seed);
    int length =
        random.nextBoolean()
            ? random.nextInt(1000)
            : BlobEncoding.MAX_DATA_SIZE - random.nextInt(1000);
    byte[] data = new byte[length];
    random.nextBytes(data);
    assertThat(BlobEncoding.decode(BlobEncoding.encode(Bytes.wrap(data))).toArray())
        .isEqualTo(data);
  }
}
