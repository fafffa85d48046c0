package io.merapi.derive.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames put back into channels outside derivation, and the channels' batches read. */
class FrameChannelsTest {
  private static List<Frame> channel(int seed, int blocks) {
    SpanChannelOut out =
        new SpanChannelOut(
            ChannelOutTest.CONFIG,
            100_000,
            CompressionAlgo.ZLIB,
            0,
            new java.util.SplittableRandom(seed));
    List<SingularBatch> batches = ChannelOutTest.batches(blocks, 0);
    for (int i = 0; i < batches.size(); i++) {
      out.addSingularBatch(batches.get(i), i);
    }
    return out.outputFrames(Frame.OVERHEAD + 6);
  }

  @Test
  void framesOfTwoChannelsInterleavedAndShuffledGiveBothChannelsWhole() {
    List<Frame> a = channel(1, 3);
    List<Frame> b = channel(2, 4);
    List<Frame> mixed = new ArrayList<>();
    for (int i = Math.max(a.size(), b.size()) - 1; i >= 0; i--) {
      if (i < a.size()) {
        mixed.add(a.get(i));
      }
      if (i < b.size()) {
        mixed.add(b.get(i));
      }
    }
    List<String> dropped = new ArrayList<>();
    mixed.add(b.getFirst()); // a duplicate is dropped, as op-node drops it
    List<FrameChannels.Assembled> channels = FrameChannels.assemble(mixed, dropped::add);

    assertThat(channels).extracting(FrameChannels.Assembled::id).hasSize(2);
    assertThat(dropped).singleElement().asString().contains("duplicate frame 0");
    for (FrameChannels.Assembled channel : channels) {
      assertThat(channel.complete()).isTrue();
      FrameChannels.Read read = FrameChannels.read(channel.data());
      assertThat(read.isClean()).isTrue();
      assertThat(read.compression()).contains(Compression.ZLIB);
      int blocks = channel.id().equals(a.getFirst().channelId()) ? 3 : 4;
      assertThat(read.batches()).singleElement();
      assertThat(read.batches().getFirst().batch()).isInstanceOf(BatchData.Span.class);
      assertThat(((BatchData.Span) read.batches().getFirst().batch()).batch().blockCount())
          .isEqualTo(blocks);
    }
  }

  @Test
  void aChannelWithoutItsFirstFrameHasNoDataAndOneCutShortReadsAsFarAsItGoes() {
    List<Frame> frames = channel(3, 3);
    FrameChannels.Assembled noStart =
        FrameChannels.assemble(frames.subList(1, frames.size()), m -> {}).getFirst();
    assertThat(noStart.hasFirstFrame()).isFalse();
    assertThat(noStart.complete()).isFalse();
    assertThat(noStart.data()).isEqualTo(Bytes.EMPTY);
    assertThat(FrameChannels.read(noStart.data()).end()).isEmpty();

    FrameChannels.Assembled start =
        FrameChannels.assemble(frames.subList(0, 1), m -> {}).getFirst();
    assertThat(start.hasFirstFrame()).isTrue();
    assertThat(start.complete()).isFalse();
    FrameChannels.Read read = FrameChannels.read(start.data());
    assertThat(read.isClean()).isFalse();
    assertThat(read.end()).isPresent();
  }
}
