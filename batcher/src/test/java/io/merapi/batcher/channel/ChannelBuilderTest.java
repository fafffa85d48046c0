package io.merapi.batcher.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.NoneCompressor;
import io.merapi.derive.channel.RatioCompressor;
import io.merapi.derive.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each rule that closes a channel, and how frames are cut. */
class ChannelBuilderTest {
  private final TestChain chain = new TestChain();

  private static ChannelConfig config(
      long seqWindow,
      long channelTimeout,
      long maxDuration,
      long margin,
      int maxFrameSize,
      int frames,
      CompressorKind kind,
      BatchType type) {
    return new ChannelConfig(
        seqWindow,
        channelTimeout,
        maxDuration,
        margin,
        maxFrameSize,
        frames,
        kind,
        0.5,
        CompressionAlgo.ZLIB,
        type,
        false);
  }

  private static ChannelBuilder builder(ChannelConfig config, long openedAtL1Origin) {
    return new ChannelBuilder(
        config, config.newChannelOut(TestChain.CHAIN, new SplittableRandom(3)), openedAtL1Origin);
  }

  private ChannelBuilder small(long maxDuration) {
    return builder(
        config(100, 50, maxDuration, 5, 10_000, 1, CompressorKind.SHADOW, BatchType.SPAN), 10);
  }

  @Test
  void maxChannelDurationCountsFromTheLastClosedChannelsOrigin() {
    ChannelBuilder builder = small(8);
    builder.addBlock(chain.next(10, 1, 10));
    assertThat(builder.timeout()).isEqualTo(18);
    builder.checkTimeout(17);
    assertThat(builder.isFull()).isFalse();
    builder.checkTimeout(18);
    assertThat(builder.fullReason()).contains(FullReason.MAX_DURATION);
  }

  @Test
  void theSequencingWindowLessTheMarginBoundsTheEarliestOrigin() {
    ChannelBuilder builder = small(0);
    builder.addBlock(chain.next(20, 1, 10));
    builder.addBlock(chain.next(21, 1, 10));
    // 20 + 100 - 5: the channel must land before the first block's window ends.
    assertThat(builder.timeout()).isEqualTo(115);
    builder.checkTimeout(114);
    assertThat(builder.isFull()).isFalse();
    builder.checkTimeout(115);
    assertThat(builder.fullReason()).contains(FullReason.SEQUENCING_WINDOW);
  }

  @Test
  void aLandedFrameStartsTheChannelTimeoutLessTheMargin() {
    ChannelBuilder builder = small(0);
    builder.addBlock(chain.next(20, 1, 10));
    builder.framePublished(30);
    assertThat(builder.timeout()).isEqualTo(30 + 50 - 5);
    builder.checkTimeout(75);
    assertThat(builder.fullReason()).contains(FullReason.CHANNEL_TIMEOUT);
  }

  @Test
  void theEarliestTimeoutWins() {
    ChannelBuilder builder = small(200);
    builder.addBlock(chain.next(20, 1, 10));
    builder.framePublished(60);
    assertThat(builder.timeout()).isEqualTo(105);
    builder.checkTimeout(200);
    assertThat(builder.fullReason()).contains(FullReason.CHANNEL_TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(BatchType.class)
  void aChannelIsFullAtItsTargetSize(BatchType type) {
    ChannelConfig config = config(3600, 300, 0, 10, 5_000, 3, CompressorKind.SHADOW, type);
    ChannelBuilder builder = builder(config, 0);
    int added = 0;
    while (builder.addBlock(chain.next(1, 1, 700))) {
      added++;
    }
    assertThat(builder.fullReason()).contains(FullReason.COMPRESSOR_FULL);
    assertThat(added).isGreaterThan(10);
    builder.outputFrames();
    List<Frame> frames = drain(builder);
    assertThat(frames).hasSizeBetween(3, 4);
    assertThat(frames).allSatisfy(f -> assertThat(f.encodedLength()).isLessThanOrEqualTo(5_000));
    assertThat(frames.get(frames.size() - 1).isLast()).isTrue();
    assertThat(builder.blocks()).hasSize(added);
  }

  @Test
  void theRatioCompressorIsFullAtTargetOverRatio() {
    RatioCompressor compressor = new RatioCompressor(1_000, 0.5, CompressionAlgo.ZLIB);
    assertThat(compressor.inputThreshold()).isEqualTo(2_000);
    assertThat(compressor.write(new byte[1_999])).isTrue();
    assertThat(compressor.isFull()).isFalse();
    assertThat(compressor.write(new byte[1])).isTrue();
    assertThat(compressor.isFull()).isTrue();
    assertThat(compressor.write(new byte[1])).isFalse();
  }

  @Test
  void theNoneCompressorStoresAndIsFullPastTheTarget() {
    NoneCompressor compressor = new NoneCompressor(1_000);
    assertThat(compressor.write(new byte[600])).isTrue();
    // Each write first flushes the one before: its stored bytes are ready.
    assertThat(compressor.write(new byte[600])).isTrue();
    assertThat(compressor.length()).isGreaterThanOrEqualTo(600);
    assertThat(compressor.isFull()).isFalse();
    assertThat(compressor.write(new byte[600])).isTrue();
    assertThat(compressor.isFull()).isTrue();
    assertThat(compressor.write(new byte[1])).isFalse();
  }

  @ParameterizedTest
  @EnumSource(CompressorKind.class)
  void singularChannelsCloseByEachCompressor(CompressorKind kind) {
    ChannelConfig config = config(3600, 300, 0, 10, 4_000, 2, kind, BatchType.SINGULAR);
    ChannelBuilder builder = builder(config, 0);
    int added = 0;
    while (builder.addBlock(chain.next(1, 1, 500)) && added < 1_000) {
      added++;
    }
    assertThat(builder.fullReason()).contains(FullReason.COMPRESSOR_FULL);
    builder.outputFrames();
    assertThat(drain(builder))
        .allSatisfy(f -> assertThat(f.encodedLength()).isLessThanOrEqualTo(4_000));
  }

  @Test
  void calldataFramesFitTheL1TransactionSize() {
    ChannelConfig config =
        TestChain.config(BatchType.SPAN, CompressorKind.SHADOW, false).asCalldata(20_000, 2);
    ChannelBuilder builder = builder(config, 0);
    while (builder.addBlock(chain.next(1, 1, 2_000))) {}
    builder.outputFrames();
    PendingChannel channel = new PendingChannel(builder);
    while (channel.hasTxData()) {
      TxData tx = channel.nextTxData();
      assertThat(tx.frames()).hasSize(1);
      assertThat(tx.callData().length()).isLessThanOrEqualTo(20_000);
    }
  }

  @Test
  void blobFramesFillBlobsAndGoTargetManyPerTransaction() {
    ChannelConfig config =
        TestChain.config(BatchType.SPAN, CompressorKind.SHADOW, false).asBlobs(3);
    assertThat(config.maxFrameSize()).isEqualTo(ChannelOut.MAX_BLOB_FRAME_SIZE);
    ChannelBuilder builder = builder(config, 0);
    while (builder.addBlock(chain.next(1, 4, 8_000))) {}
    builder.outputFrames();
    PendingChannel channel = new PendingChannel(builder);
    TxData tx = channel.nextTxData();
    assertThat(tx.asBlob()).isTrue();
    assertThat(tx.frames()).hasSize(3);
    assertThat(tx.frames().get(0).encodedLength()).isEqualTo(ChannelOut.MAX_BLOB_FRAME_SIZE);
    assertThat(tx.blobs()).hasSize(3).allSatisfy(b -> assertThat(b.length()).isEqualTo(131_072));
  }

  @Test
  void blobTransactionsWaitForAWholeTransactionOfFramesUntilTheChannelIsFull() {
    ChannelConfig config =
        TestChain.config(BatchType.SINGULAR, CompressorKind.NONE, false).asBlobs(2);
    ChannelBuilder builder = builder(config, 0);
    // Stored (uncompressed) data: one full blob frame ready, not two.
    builder.addBlock(chain.next(1, 1, 140_000));
    builder.addBlock(chain.next(1, 1, 60_000));
    builder.outputFrames();
    PendingChannel channel = new PendingChannel(builder);
    assertThat(builder.pendingFrames()).isEqualTo(1);
    assertThat(channel.hasTxData()).isFalse();
    builder.close();
    builder.outputFrames();
    assertThat(channel.hasTxData()).isTrue();
    assertThat(channel.nextTxData().frames()).hasSize(2);
  }

  private static List<Frame> drain(ChannelBuilder builder) {
    List<Frame> frames = new ArrayList<>();
    while (builder.hasFrame()) {
      frames.add(builder.nextFrame());
    }
    return frames;
  }
}
