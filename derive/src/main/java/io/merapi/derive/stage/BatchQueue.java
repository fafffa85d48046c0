package io.merapi.derive.stage;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.source.L2Source;
import io.merapi.types.config.OpFork;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The sixth stage before Holocene (specs derivation.md "Batch Queue"; delta/span-batches.md "Batch
 * Queue"): buffers the batches read so far in L1 inclusion order, hands out the first one that is
 * valid on top of the safe head, keeps future and undecided ones, and makes empty batches once a
 * sequencing window expires. A span batch is validated as a whole and then handed out block by
 * block.
 */
public final class BatchQueue implements SingularBatchProvider, SignalReceiver {

  /** A batch and the L1 block it was read in. */
  public record BatchWithInclusion(Batch batch, L1BlockRef inclusionBlock) {}

  private final ProtocolParameters params;
  private final NextBatchProvider prev;
  private final OriginProvider origin;
  private final L2Source l2;
  private final EpochWindow window;
  private final List<BatchWithInclusion> batches = new ArrayList<>();
  private final Deque<SingularBatch> nextSpan = new ArrayDeque<>();

  public BatchQueue(
      ProtocolParameters params, NextBatchProvider prev, OriginProvider origin, L2Source l2) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.l2 = Objects.requireNonNull(l2, "l2");
    this.window = new EpochWindow(params, origin.origin());
  }

  @Override
  public StageResult<NextBatch> nextBatch(L2BlockRef parent) {
    Optional<SingularBatch> fromSpan = nextFromSpan(parent);
    if (fromSpan.isPresent()) {
      return StageResult.ready(new NextBatch(fromSpan.get(), nextSpan.isEmpty()));
    }
    L1BlockRef current = origin.origin();
    window.updateOrigins(parent, current);
    boolean originBehind = window.originBehind(parent, current);
    boolean outOfData = false;
    switch (prev.nextBatch()) {
      case StageResult.Ready<Batch>(var batch) -> {
        // Batches from before the safe head's L1 origin cannot be needed: the previous stages are
        // only drained.
        if (!originBehind) {
          addBatch(batch, parent);
        }
      }
      case StageResult.NotEnoughData<Batch> n -> {
        return StageResult.notEnoughData();
      }
      case StageResult.Eof<Batch> e -> outOfData = true;
    }
    if (originBehind) {
      return outOfData ? StageResult.eof() : StageResult.notEnoughData();
    }
    Optional<Batch> next = deriveNextBatch(outOfData, parent);
    if (next.isEmpty()) {
      return outOfData ? StageResult.eof() : StageResult.notEnoughData();
    }
    SingularBatch batch =
        switch (next.get()) {
          case SingularBatch singular -> singular;
          case SpanBatch span -> {
            List<SingularBatch> blocks =
                BatchChecks.toSingularBatches(span, window.view(), parent)
                    .orElseThrow(
                        () ->
                            new DerivationException.Critical(
                                "accepted span batch has blocks with unknown L1 origins"));
            nextSpan.addAll(blocks);
            yield nextSpan.poll();
          }
        };
    return StageResult.ready(
        new NextBatch(EpochWindow.withParent(batch, parent), nextSpan.isEmpty()));
  }

  /**
   * The next block of the span batch being handed out, if it follows {@code parent}; a parent that
   * does not match means an earlier block of the span was not applied, and the rest is dropped.
   */
  private Optional<SingularBatch> nextFromSpan(L2BlockRef parent) {
    if (nextSpan.isEmpty()) {
      return Optional.empty();
    }
    if (nextSpan.peek().timestamp() == parent.time() + params.config().blockTime()) {
      return Optional.of(EpochWindow.withParent(nextSpan.poll(), parent));
    }
    nextSpan.clear();
    return Optional.empty();
  }

  private void addBatch(Batch batch, L2BlockRef parent) {
    BatchWithInclusion data = new BatchWithInclusion(batch, window.origin());
    BatchValidity validity =
        BatchChecks.check(params, window.view(), parent, batch, data.inclusionBlock(), l2);
    if (!(validity instanceof BatchValidity.Drop)) {
      batches.add(data);
    }
  }

  /**
   * The first buffered batch, in inclusion order, that is valid on top of {@code parent}; drops
   * invalid ones, keeps future ones, stops at an undecided one. Without one, an empty batch if the
   * sequencing window has expired.
   */
  private Optional<Batch> deriveNextBatch(boolean outOfData, L2BlockRef parent) {
    List<L1BlockRef> l1Blocks = window.view();
    if (l1Blocks.isEmpty()) {
      throw new DerivationException.Critical("cannot derive the next batch: no L1 origin");
    }
    L1BlockRef epoch = l1Blocks.get(0);
    // The window's epoch may be one ahead of the safe head's: empty batches of an epoch were all
    // made but the safe head has not moved on yet.
    if (!parent.l1Origin().equals(epoch.id()) && parent.l1Origin().number() != epoch.number() - 1) {
      throw new DerivationException.Reset(
          "batch queue epoch "
              + Long.toUnsignedString(epoch.number())
              + " does not match the safe head's L1 origin "
              + Long.toUnsignedString(parent.l1Origin().number()));
    }
    List<BatchWithInclusion> remaining = new ArrayList<>();
    BatchWithInclusion accepted = null;
    scan:
    for (int i = 0; i < batches.size(); i++) {
      BatchWithInclusion candidate = batches.get(i);
      BatchValidity validity =
          BatchChecks.check(
              params, l1Blocks, parent, candidate.batch(), candidate.inclusionBlock(), l2);
      switch (validity) {
        case BatchValidity.Future f -> remaining.add(candidate);
        case BatchValidity.Drop d -> {}
        case BatchValidity.Accept a -> {
          accepted = candidate;
          remaining.addAll(batches.subList(i + 1, batches.size()));
          break scan;
        }
        case BatchValidity.Undecided u -> {
          remaining.addAll(batches.subList(i, batches.size()));
          batches.clear();
          batches.addAll(remaining);
          return Optional.empty();
        }
        case BatchValidity.Past p ->
            throw new DerivationException.Critical(
                "a past batch before Holocene: the batch queue saw a Holocene inclusion block");
      }
    }
    batches.clear();
    batches.addAll(remaining);
    if (accepted != null) {
      return Optional.of(accepted.batch());
    }
    return window.nextEmptyBatch(outOfData, parent).map(Batch.class::cast);
  }

  /** The buffered batches, in inclusion order. */
  public List<BatchWithInclusion> buffered() {
    return List.copyOf(batches);
  }

  /** The L1 blocks batches are checked against. */
  public List<L1BlockRef> l1Blocks() {
    return window.l1Blocks();
  }

  /** The stage's view of the L1 origin. */
  public L1BlockRef stageOrigin() {
    return window.origin();
  }

  /** The window the Holocene batch stage continues with. */
  EpochWindow window() {
    return window;
  }

  /** Blocks of the current span batch not handed out yet. */
  public int pendingSpanBlocks() {
    return nextSpan.size();
  }

  @Override
  public void signal(Signal signal) {
    switch (signal) {
      case Signal.Reset reset -> {
        window.reset(reset.base());
        batches.clear();
        nextSpan.clear();
      }
      // holocene/derivation.md "Activation": all batches in the batch queue are discarded; its L1
      // blocks go on in the batch stage (BatchStage.continuing).
      case Signal.Activation a -> {
        if (a.fork() == OpFork.HOLOCENE) {
          batches.clear();
          nextSpan.clear();
        }
      }
      case Signal.FlushChannel f -> {}
    }
  }
}
