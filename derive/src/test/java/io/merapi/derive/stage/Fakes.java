package io.merapi.derive.stage;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.testing.Blocks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Hand-made previous stages for stage tests. */
final class Fakes {
  private Fakes() {}

  /** An L1 origin the test moves by hand. */
  static final class Origin implements OriginProvider {
    L1BlockRef current;

    Origin(L1BlockRef start) {
      this.current = start;
    }

    Origin() {
      this(new L1BlockRef(Blocks.hash("origin 0"), 0, Blocks.hash("origin -1"), 0));
    }

    @Override
    public L1BlockRef origin() {
      return current;
    }

    void set(L1BlockRef block) {
      current = block;
    }

    /** Same block, other number: enough for timeout rules. */
    void number(long number) {
      current = new L1BlockRef(current.hash(), number, current.parentHash(), current.time());
    }
  }

  /** Frames, then Eof. */
  static final class Frames implements NextFrameProvider {
    final Deque<Frame> frames = new ArrayDeque<>();

    void add(List<Frame> more) {
      frames.addAll(more);
    }

    @Override
    public StageResult<Frame> nextFrame() {
      Frame f = frames.poll();
      return f == null ? StageResult.eof() : StageResult.ready(f);
    }
  }

  /** Batches, then Eof; a flush drops what is left, as a flushed channel would. */
  static final class Batches implements NextBatchProvider {
    final Deque<Batch> batches = new ArrayDeque<>();
    int flushes;

    Batches add(Batch... more) {
      batches.addAll(List.of(more));
      return this;
    }

    void flush() {
      flushes++;
      batches.clear();
    }

    @Override
    public StageResult<Batch> nextBatch() {
      Batch b = batches.poll();
      return b == null ? StageResult.eof() : StageResult.ready(b);
    }
  }
}
