package io.merapi.explorer.rollup;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.RawSpanBatch;
import io.merapi.derive.channel.BatchReadResult;
import io.merapi.derive.channel.FrameChannels;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which batcher transactions carried the batch of one L2 block, from the frames those transactions
 * hold (derive's frame, channel and batch decoders, as {@code merapi batch decode} reads them): the
 * frames are put back into channels, each whole channel is read, and the channel whose batches
 * include the block is the one — a singular batch by its timestamp, a span batch by the timestamps
 * of its blocks ({@code genesis time + rel_timestamp + block time × i}). Timestamps name an L2
 * block exactly: L2 blocks are {@code block_time} apart from genesis. Pure.
 */
public final class BatchMatch {
  private BatchMatch() {}

  /** One batcher transaction and the frames its data held, in order. */
  public record Submitted(Hash transaction, List<Frame> frames) {
    public Submitted {
      frames = List.copyOf(frames);
    }
  }

  /** What the transactions given tell about the block. */
  public sealed interface Outcome {}

  /**
   * The block's batch is in {@code channel}, whose frames these transactions carried (in chain
   * order; the last one completed the channel).
   *
   * @param l2Timestamps the timestamps of every L2 block the channel's batches hold, so that one
   *     decoding answers for all of them
   */
  public record Found(ChannelId channel, List<Hash> carriers, List<Long> l2Timestamps)
      implements Outcome {
    public Found {
      carriers = List.copyOf(carriers);
      l2Timestamps = List.copyOf(l2Timestamps);
    }
  }

  /** Some channels here start in earlier transactions: give earlier L1 blocks too. */
  public record NeedsEarlier(Set<ChannelId> channels) implements Outcome {
    public NeedsEarlier {
      channels = Set.copyOf(channels);
    }
  }

  /** No channel here holds the block, and none is missing its beginning. */
  public record NotFound() implements Outcome {}

  /**
   * Looks for the batch of the L2 block at {@code l2Timestamp} in the channels of {@code submitted}
   * (oldest transaction first), for a rollup whose L2 genesis is at {@code genesisTime} with blocks
   * {@code blockTime} seconds apart.
   */
  public static Outcome match(
      long genesisTime, long blockTime, long l2Timestamp, List<Submitted> submitted) {
    List<Frame> frames = new ArrayList<>();
    for (Submitted s : submitted) {
      frames.addAll(s.frames());
    }
    Set<ChannelId> incomplete = new LinkedHashSet<>();
    // Frames a channel refuses (duplicates) change nothing about where the batch is.
    for (FrameChannels.Assembled channel : FrameChannels.assemble(frames, dropped -> {})) {
      if (!channel.hasFirstFrame()) {
        incomplete.add(channel.id());
        continue;
      }
      if (!channel.complete()) {
        continue; // still open after these blocks: it did not make anything safe here
      }
      List<Long> held = timestamps(genesisTime, blockTime, FrameChannels.read(channel.data()));
      if (held.contains(l2Timestamp)) {
        return new Found(channel.id(), carriers(submitted, channel.id()), held);
      }
    }
    return incomplete.isEmpty() ? new NotFound() : new NeedsEarlier(incomplete);
  }

  /**
   * The L2 block timestamps a channel's batches hold: a singular batch its own, a span batch {@code
   * genesis time + rel_timestamp + block time × i} for each of its blocks.
   */
  private static List<Long> timestamps(long genesisTime, long blockTime, FrameChannels.Read read) {
    List<Long> out = new ArrayList<>();
    for (BatchReadResult.Read batch : read.batches()) {
      switch (batch.batch()) {
        case BatchData.Singular singular -> out.add(singular.batch().timestamp());
        case BatchData.Span span -> {
          RawSpanBatch raw = span.batch();
          long first = genesisTime + raw.relTimestamp();
          for (long i = 0; i < raw.blockCount(); i++) {
            out.add(first + i * blockTime);
          }
        }
      }
    }
    return out;
  }

  private static List<Hash> carriers(List<Submitted> submitted, ChannelId channel) {
    List<Hash> out = new ArrayList<>();
    for (Submitted s : submitted) {
      if (s.frames().stream().anyMatch(f -> f.channelId().equals(channel))
          && !out.contains(s.transaction())) {
        out.add(s.transaction());
      }
    }
    return out;
  }
}
