package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import java.util.Objects;

/**
 * The second stage (specs derivation.md "L1 Retrieval"): the batcher data of the block that L1
 * traversal is at, one batcher transaction at a time, in block order.
 */
public final class L1Retrieval implements SignalReceiver {

  /** The stage before: L1 traversal's current block, once per block. */
  @FunctionalInterface
  public interface NextBlockProvider {
    StageResult<L1Traversal.TraversedBlock> nextL1Block();
  }

  private final NextBlockProvider prev;
  private final DataAvailabilitySource source;
  private DataAvailabilitySource.DataIterator data;

  public L1Retrieval(NextBlockProvider prev, DataAvailabilitySource source) {
    this.prev = Objects.requireNonNull(prev, "prev");
    this.source = Objects.requireNonNull(source, "source");
  }

  /**
   * The next batcher transaction's data. {@link StageResult.Eof} once the current block's data is
   * used up, and again until traversal moves to a new block.
   */
  public StageResult<Bytes> nextData() {
    if (data == null) {
      switch (prev.nextL1Block()) {
        case StageResult.Ready<L1Traversal.TraversedBlock>(var next) ->
            data = source.open(next.block(), next.systemConfig().batcherAddr());
        case StageResult.NotEnoughData<L1Traversal.TraversedBlock> n -> {
          return StageResult.notEnoughData();
        }
        case StageResult.Eof<L1Traversal.TraversedBlock> e -> {
          return StageResult.eof();
        }
      }
    }
    StageResult<Bytes> next = data.next();
    if (next instanceof StageResult.Eof<Bytes>) {
      data = null;
    }
    return next;
  }

  @Override
  public void signal(Signal signal) {
    if (signal instanceof Signal.Reset reset) {
      // The base block's data is read directly: traversal hands out the block after it next.
      data = source.open(reset.base(), reset.systemConfig().batcherAddr());
    }
  }
}
