package io.merapi.derive.stage;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sixth stage from Holocene (holocene/derivation.md "Batch Queue"), replacing the batch queue:
 * batches must arrive in order, so nothing is buffered. Each singular batch (from a channel or from
 * the span batch stage) is validated on its own: valid ones go on at once, past ones are skipped,
 * and an invalid one drops the rest of its channel (fast channel invalidation). Empty batches are
 * made when the sequencing window expires, as before.
 */
public final class BatchStage implements SingularBatchProvider, SignalReceiver {

  /** The stage before: the span batch stage, given what it needs for the span prefix checks. */
  @FunctionalInterface
  public interface NextSingularBatchProvider {
    StageResult<SingularBatch> nextBatch(
        L2BlockRef parent, List<L1BlockRef> l1Blocks, L1BlockRef inclusionBlock);
  }

  private final ProtocolParameters params;
  private final NextSingularBatchProvider prev;
  private final OriginProvider origin;
  private final ChannelFlusher flusher;
  private final EpochWindow window;

  public BatchStage(
      ProtocolParameters params,
      NextSingularBatchProvider prev,
      OriginProvider origin,
      ChannelFlusher flusher) {
    this(params, prev, origin, flusher, new EpochWindow(params, origin.origin()));
  }

  private BatchStage(
      ProtocolParameters params,
      NextSingularBatchProvider prev,
      OriginProvider origin,
      ChannelFlusher flusher,
      EpochWindow window) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.flusher = Objects.requireNonNull(flusher, "flusher");
    this.window = window;
  }

  /**
   * The batch stage that takes over from {@code queue} at Holocene activation: the queue's buffered
   * batches and span are dropped, but its L1 origin and L1 blocks are kept, because the first
   * Holocene channel still holds batches with pre-Holocene L1 origins.
   */
  public static BatchStage continuing(
      BatchQueue queue,
      ProtocolParameters params,
      NextSingularBatchProvider prev,
      OriginProvider origin,
      ChannelFlusher flusher) {
    return new BatchStage(params, prev, origin, flusher, queue.window().copy());
  }

  @Override
  public StageResult<NextBatch> nextBatch(L2BlockRef parent) {
    L1BlockRef current = origin.origin();
    // No batch is ever invalidated backwards any more, so the origins can always be updated.
    window.updateOrigins(parent, current);
    if (window.originBehind(parent, current)
        || parent.l1Origin().number() == window.origin().number()) {
      // Channels read up to the safe head's L1 origin hold only past batches: drain them.
      return switch (prev.nextBatch(parent, window.view(), window.origin())) {
        case StageResult.Eof<SingularBatch> e -> StageResult.eof();
        default -> StageResult.notEnoughData();
      };
    }
    List<L1BlockRef> l1Blocks = window.view();
    if (l1Blocks.size() < 2) {
      // The safe head's L1 origin and the block after it are known by now unless derivation did
      // not start at a safe head.
      throw new DerivationException.Critical(
          "batch stage knows "
              + l1Blocks.size()
              + " L1 blocks at origin "
              + window.origin().id()
              + " for safe head "
              + parent.id());
    }
    L1BlockRef epoch = l1Blocks.get(0);
    if (!parent.l1Origin().equals(epoch.id()) && parent.l1Origin().number() != epoch.number() - 1) {
      throw new DerivationException.Reset(
          "batch stage epoch "
              + Long.toUnsignedString(epoch.number())
              + " does not match the safe head's L1 origin "
              + Long.toUnsignedString(parent.l1Origin().number()));
    }
    SingularBatch batch;
    switch (prev.nextBatch(parent, l1Blocks, window.origin())) {
      case StageResult.Ready<SingularBatch>(var b) -> batch = b;
      case StageResult.NotEnoughData<SingularBatch> n -> {
        return StageResult.notEnoughData();
      }
      case StageResult.Eof<SingularBatch> e -> {
        // Empty batches are considered only once every channel read so far is used up.
        Optional<SingularBatch> empty = window.nextEmptyBatch(true, parent);
        return empty.isPresent()
            ? StageResult.ready(new NextBatch(empty.get(), true))
            : StageResult.eof();
      }
    }
    BatchValidity validity =
        BatchChecks.checkSingularBatch(params, l1Blocks, parent, batch, window.origin());
    return switch (validity) {
      // Every accepted block immediately becomes (local) safe.
      case BatchValidity.Accept a -> StageResult.ready(new NextBatch(batch, true));
      case BatchValidity.Past p -> StageResult.notEnoughData();
      case BatchValidity.Drop d -> {
        flusher.flushChannel();
        yield StageResult.notEnoughData();
      }
      case BatchValidity.Undecided u -> StageResult.notEnoughData();
      case BatchValidity.Future f ->
          throw new DerivationException.Critical("a future batch under Holocene rules");
    };
  }

  /** The L1 blocks batches are checked against. */
  public List<L1BlockRef> l1Blocks() {
    return window.l1Blocks();
  }

  /** The stage's view of the L1 origin. */
  public L1BlockRef stageOrigin() {
    return window.origin();
  }

  @Override
  public void signal(Signal signal) {
    if (signal instanceof Signal.Reset reset) {
      window.reset(reset.base());
    }
  }
}
