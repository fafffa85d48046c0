package io.merapi.derive.channel;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Frames read outside derivation (by tools and the explorer, not the channel bank) put back into
 * their channels and the channels' batches: frames are grouped by channel in order of first
 * appearance and checked as a {@link Channel} checks them; a channel's data is its frames' data
 * from frame 0 on for as long as they follow each other, so the first frames of a longer channel
 * already show the batches they hold. Channels are read as after Fjord (brotli allowed, the Fjord
 * RLP limit). Pure: no I/O, no clock.
 */
public final class FrameChannels {
  private static final L1BlockRef NO_BLOCK = new L1BlockRef(Hash.ZERO, 0, Hash.ZERO, 0);

  private FrameChannels() {}

  /**
   * One channel's frames put together.
   *
   * @param data the data of its frames from 0 on while they follow each other
   * @param complete every frame up to the closing one is there
   * @param hasFirstFrame frame 0 is there (else {@code data} is empty)
   */
  public record Assembled(ChannelId id, Bytes data, boolean complete, boolean hasFirstFrame) {}

  /**
   * What a channel's data holds.
   *
   * @param compression what its first byte names, if anything
   * @param decompressedBytes how many bytes its stream gave
   * @param batches its batches in order, up to where reading ended
   * @param end why reading ended; empty only for a channel without data
   */
  public record Read(
      Optional<Compression> compression,
      long decompressedBytes,
      List<BatchReadResult.Read> batches,
      Optional<BatchReadResult.End> end) {
    public Read {
      batches = List.copyOf(batches);
    }

    /** The data was read to its proper end. */
    public boolean isClean() {
      return end.isPresent() && end.get().isClean();
    }
  }

  /**
   * The channels of {@code frames}, in order of their first frame here; a frame a channel refuses
   * (a duplicate, one past the closing frame) is left out and described to {@code dropped}.
   */
  public static List<Assembled> assemble(List<Frame> frames, Consumer<String> dropped) {
    Map<ChannelId, List<Frame>> byChannel = new LinkedHashMap<>();
    for (Frame frame : frames) {
      byChannel.computeIfAbsent(frame.channelId(), id -> new ArrayList<>()).add(frame);
    }
    List<Assembled> out = new ArrayList<>(byChannel.size());
    for (Map.Entry<ChannelId, List<Frame>> entry : byChannel.entrySet()) {
      ChannelId id = entry.getKey();
      Channel channel = new Channel(id, NO_BLOCK, false);
      TreeMap<Integer, Frame> accepted = new TreeMap<>();
      for (Frame frame : entry.getValue()) {
        Optional<Channel.Rejection> rejection = channel.addFrame(frame, NO_BLOCK);
        if (rejection.isPresent()) {
          dropped.accept("frame dropped as op-node drops it: " + rejection.get().message());
        } else {
          accepted.put(frame.frameNumber(), frame);
        }
      }
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      for (int number = 0; accepted.containsKey(number); number++) {
        Frame frame = accepted.get(number);
        data.writeBytes(frame.data().array());
        if (frame.isLast()) {
          break;
        }
      }
      out.add(
          new Assembled(
              id, Bytes.wrap(data.toByteArray()), channel.isReady(), accepted.containsKey(0)));
    }
    return out;
  }

  /** Every batch of a channel's (compressed) {@code data}, read as derivation reads it. */
  public static Read read(Bytes data) {
    if (data.isEmpty()) {
      return new Read(Optional.empty(), 0, List.of(), Optional.empty());
    }
    List<BatchReadResult.Read> batches = new ArrayList<>();
    try (BatchReader reader =
        BatchReader.open(data, ChannelLimits.maxRlpBytesPerChannel(true), /* fjord= */ true)) {
      BatchReadResult.End end = null;
      while (end == null) {
        switch (reader.next()) {
          case BatchReadResult.Read read -> batches.add(read);
          case BatchReadResult.End e -> end = e;
        }
      }
      return new Read(reader.compression(), reader.decompressedBytes(), batches, Optional.of(end));
    }
  }
}
