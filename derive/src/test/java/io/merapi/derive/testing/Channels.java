package io.merapi.derive.testing;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.RawSpanBatch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.types.config.RollupConfig;
import java.util.ArrayList;
import java.util.List;

/** Channels of batches, compressed with zlib, and frames cut from them, for pipeline tests. */
public final class Channels {
  private Channels() {}

  public static Bytes singular(List<SingularBatch> batches) {
    List<BatchData> data = new ArrayList<>();
    for (SingularBatch b : batches) {
      data.add(new BatchData.Singular(b));
    }
    return Compress.zlibChannel(data);
  }

  /** A channel of one span batch, the first block changing the L1 origin if {@code newEpoch}. */
  public static Bytes span(SpanBatch batch, boolean newEpoch, RollupConfig config) {
    RawSpanBatch raw =
        RawSpanBatch.fromSpanBatch(batch, newEpoch, config.genesis().l2Time(), config.l2ChainId());
    return Compress.zlibChannel(List.of(new BatchData.Span(raw)));
  }

  /** {@code channel} cut into {@code count} frames of channel {@code id}. */
  public static List<Frame> split(ChannelId id, Bytes channel, int count) {
    List<Frame> out = new ArrayList<>();
    int size = channel.length();
    for (int i = 0; i < count; i++) {
      int from = size * i / count;
      int to = size * (i + 1) / count;
      out.add(new Frame(id, i, channel.slice(from, to), i == count - 1));
    }
    return out;
  }
}
