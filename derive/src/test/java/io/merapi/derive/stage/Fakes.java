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

  /**
   * A scripted channel reader: batches and Eofs in order, then Eof for ever. A flush drops the
   * batches up to the next scripted Eof, as a flushed channel would.
   */
  static final class Batches implements NextBatchProvider {
    final Deque<StageResult<Batch>> script = new ArrayDeque<>();
    int flushes;

    Batches add(Batch... more) {
      for (Batch b : more) {
        script.add(StageResult.ready(b));
      }
      return this;
    }

    Batches addAll(List<? extends Batch> more) {
      for (Batch b : more) {
        script.add(StageResult.ready(b));
      }
      return this;
    }

    Batches eof() {
      script.add(StageResult.eof());
      return this;
    }

    void flush() {
      flushes++;
      while (!script.isEmpty() && script.peek().isReady()) {
        script.poll();
      }
    }

    @Override
    public StageResult<Batch> nextBatch() {
      StageResult<Batch> next = script.poll();
      return next == null ? StageResult.eof() : next;
    }
  }
}
