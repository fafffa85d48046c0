package io.merapi.explorer.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.Compressor;
import io.merapi.derive.channel.SingularChannelOut;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.frame.FrameParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Channels written by derive's batcher code ({@link SpanChannelOut}, {@link SingularChannelOut}),
 * split into frames and into batcher transactions' data, then matched back to the L2 block whose
 * batch they hold.
 */
class BatchMatchTest {
  private static final long GENESIS = 1_700_000_000L;
  private static final long BLOCK_TIME = 2;
  private static final ChannelOutConfig CONFIG =
      new ChannelOutConfig(GENESIS, 901, OptionalLong.of(0));

  /** The batch of L2 block {@code number}: no transactions, epoch 7. */
  private static SingularBatch batch(long number) {
    return new SingularBatch(
        repeat((byte) number), 7, repeat((byte) 0x77), GENESIS + BLOCK_TIME * number, List.of());
  }

  private static Hash repeat(byte b) {
    byte[] bytes = new byte[Hash.LENGTH];
    java.util.Arrays.fill(bytes, b);
    return Hash.wrap(bytes);
  }

  private static long time(long number) {
    return GENESIS + BLOCK_TIME * number;
  }

  /** A closed channel with the batches of blocks {@code from..to}, in frames of {@code size}. */
  private static List<Frame> channel(ChannelOut out, long from, long to, int frameSize) {
    for (long n = from; n <= to; n++) {
      out.addSingularBatch(batch(n), n - from);
    }
    return out.outputFrames(frameSize);
  }

  private static SpanChannelOut span(int seed) {
    return new SpanChannelOut(CONFIG, 100_000, CompressionAlgo.ZLIB, 0, new SplittableRandom(seed));
  }

  /** A batcher transaction holding {@code frames}, its data encoded and parsed back. */
  private static BatchMatch.Submitted tx(int id, List<Frame> frames) {
    FrameParseResult parsed =
        BatcherTransaction.parseFrames(BatcherTransaction.encode(frames).array());
    return new BatchMatch.Submitted(repeat((byte) id), ((FrameParseResult.Valid) parsed).frames());
  }

  private static BatchMatch.Outcome match(long block, List<BatchMatch.Submitted> submitted) {
    return BatchMatch.match(GENESIS, BLOCK_TIME, time(block), submitted);
  }

  @Test
  void aSpanBatchHoldsEachOfItsBlocksByTimestamp() {
    List<Frame> a = channel(span(1), 10, 14, 100_000);
    List<Frame> b = channel(span(2), 15, 19, 100_000);
    List<BatchMatch.Submitted> block = List.of(tx(1, a), tx(2, b));

    assertThat(match(10, block)).isEqualTo(found(a, 1, 10, 14));
    assertThat(match(14, block)).isEqualTo(found(a, 1, 10, 14));
    assertThat(match(15, block)).isEqualTo(found(b, 2, 15, 19));
    assertThat(match(19, block)).isEqualTo(found(b, 2, 15, 19));
    assertThat(match(20, block)).isEqualTo(new BatchMatch.NotFound());
    assertThat(match(9, block)).isEqualTo(new BatchMatch.NotFound());
    // A time between two blocks is no block.
    assertThat(BatchMatch.match(GENESIS, BLOCK_TIME, time(12) + 1, block))
        .isEqualTo(new BatchMatch.NotFound());
  }

  @Test
  void singularBatchesMatchTheirBlock() {
    List<Frame> frames =
        channel(
            new SingularChannelOut(
                CONFIG, Compressor.unbounded(CompressionAlgo.ZLIB), new SplittableRandom(3)),
            30,
            32,
            100_000);

    assertThat(match(31, List.of(tx(5, frames)))).isEqualTo(found(frames, 5, 30, 32));
    assertThat(match(33, List.of(tx(5, frames)))).isEqualTo(new BatchMatch.NotFound());
  }

  @Test
  void aChannelSpreadOverTransactionsNamesThemAllAndAsksForItsBeginning() {
    List<Frame> frames = channel(span(4), 40, 45, Frame.OVERHEAD + 4);
    assertThat(frames).hasSizeGreaterThan(3);
    List<BatchMatch.Submitted> all = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      all.add(tx(100 + i, List.of(frames.get(i))));
    }
    // The last L1 block has only the closing frame: the beginning is in earlier blocks.
    List<BatchMatch.Submitted> lastOnly = all.subList(all.size() - 1, all.size());
    assertThat(match(42, lastOnly)).isInstanceOf(BatchMatch.NeedsEarlier.class);
    assertThat(((BatchMatch.NeedsEarlier) match(42, lastOnly)).channels())
        .containsExactly(frames.getFirst().channelId());

    BatchMatch.Outcome whole = match(42, all);
    assertThat(whole).isInstanceOf(BatchMatch.Found.class);
    assertThat(((BatchMatch.Found) whole).carriers())
        .isEqualTo(all.stream().map(BatchMatch.Submitted::transaction).toList());
  }

  @Test
  void aChannelStillOpenOrWithoutFramesHoldsNothing() {
    List<Frame> frames = channel(span(5), 50, 52, Frame.OVERHEAD + 4);
    // Every frame but the closing one: the channel is not complete, so nothing is safe from it.
    List<BatchMatch.Submitted> open = List.of(tx(1, frames.subList(0, frames.size() - 1)));
    assertThat(match(51, open)).isEqualTo(new BatchMatch.NotFound());
    assertThat(match(51, List.of())).isEqualTo(new BatchMatch.NotFound());
    // A transaction whose frames were not readable carries no frames.
    assertThat(match(51, List.of(new BatchMatch.Submitted(repeat((byte) 9), List.of()))))
        .isEqualTo(new BatchMatch.NotFound());
  }

  /** The answer naming transaction {@code tx} and the channel of blocks {@code from..to}. */
  private static BatchMatch.Found found(List<Frame> frames, int tx, long from, long to) {
    List<Long> held = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      held.add(time(n));
    }
    return new BatchMatch.Found(frames.getFirst().channelId(), List.of(repeat((byte) tx)), held);
  }
}
