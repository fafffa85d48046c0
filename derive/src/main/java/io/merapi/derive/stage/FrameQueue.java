package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.frame.FrameParseResult;
import io.merapi.types.config.OpFork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The third stage (specs derivation.md "Frame Queue"): the frames of one batcher transaction at a
 * time. From Holocene (by the inclusion block's time) the frames of each transaction are pruned to
 * ordered, contiguous runs per channel as soon as they are parsed (holocene/derivation.md "Frame
 * Queue").
 */
public final class FrameQueue implements SignalReceiver {

  /** The stage before: L1 retrieval's next piece of batcher data. */
  @FunctionalInterface
  public interface NextDataProvider {
    StageResult<Bytes> nextData();
  }

  private final ProtocolParameters params;
  private final NextDataProvider prev;
  private final OriginProvider origin;
  private final Deque<Frame> frames = new ArrayDeque<>();

  public FrameQueue(ProtocolParameters params, NextDataProvider prev, OriginProvider origin) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  public StageResult<Frame> nextFrame() {
    if (frames.isEmpty()) {
      switch (prev.nextData()) {
        case StageResult.Ready<Bytes>(var data) -> load(data);
        case StageResult.NotEnoughData<Bytes> n -> {
          return StageResult.notEnoughData();
        }
        case StageResult.Eof<Bytes> e -> {
          return StageResult.eof();
        }
      }
    }
    Frame next = frames.poll();
    // Data without valid frames still moved L1 retrieval forward.
    return next == null ? StageResult.notEnoughData() : StageResult.ready(next);
  }

  /** The number of frames waiting. */
  public int size() {
    return frames.size();
  }

  private void load(Bytes data) {
    // "If any one frame fails to parse, the all frames in the transaction are rejected."
    if (!(BatcherTransaction.parseFrames(data) instanceof FrameParseResult.Valid valid)) {
      return;
    }
    List<Frame> loaded = valid.frames();
    // Only newly added frames can break the ordering, and the queue is refilled only when empty.
    if (params.isActive(OpFork.HOLOCENE, origin.origin().time())) {
      loaded = prune(loaded);
    }
    frames.addAll(loaded);
  }

  /**
   * The Holocene frame queue rules: a non-first frame that does not continue the previous frame's
   * unclosed channel is dropped; a first frame drops the frames of a preceding channel that was not
   * closed.
   */
  public static List<Frame> prune(List<Frame> input) {
    List<Frame> kept = new ArrayList<>(input);
    int i = 0;
    while (i < kept.size() - 1) {
      Frame current = kept.get(i);
      Frame next = kept.get(i + 1);
      if (current.channelId().equals(next.channelId())) {
        // Frames of one channel must be in order, and nothing may follow its last frame.
        if (current.isLast() || next.frameNumber() != current.frameNumber() + 1) {
          kept.remove(i + 1);
          continue;
        }
      } else {
        if (next.frameNumber() == 0 && !current.isLast()) {
          // A new channel starts: the unclosed one before it is dropped, walking back over all of
          // its frames.
          kept.remove(i);
          if (i > 0) {
            i--;
          }
          continue;
        }
        if (next.frameNumber() != 0) {
          // Another channel can only start with its first frame.
          kept.remove(i + 1);
          continue;
        }
      }
      i++;
    }
    return kept;
  }

  @Override
  public void signal(Signal signal) {
    switch (signal) {
      case Signal.Reset r -> frames.clear();
      // Holocene activation starts with an empty frame queue (holocene/derivation.md
      // "Activation").
      case Signal.Activation a -> {
        if (a.fork() == OpFork.HOLOCENE) {
          frames.clear();
        }
      }
      case Signal.FlushChannel f -> {}
    }
  }
}
