package io.merapi.derive.stage;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatch;
import io.merapi.derive.source.L2Source;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The span batch stage from Holocene (holocene/derivation.md "Span Batches"): sits between the
 * channel reader and the batch stage and holds at most one span batch. Singular batches pass
 * through; a span batch is checked with the prefix rules only (L1 origin check, parent check, no
 * gap), then handed out block by block so that each block is valid or not on its own (partial span
 * batch validity). An invalid span batch drops the rest of its channel; a past one is skipped.
 */
public final class SpanBatchStage implements BatchStage.NextSingularBatchProvider, SignalReceiver {
  private final ProtocolParameters params;
  private final NextBatchProvider prev;
  private final L2Source l2;
  private final ChannelFlusher flusher;
  private final Deque<SingularBatch> buffer = new ArrayDeque<>();

  /**
   * A span batch that could not be checked because the L2 chain did not answer: checked again on
   * the next call instead of being lost with its channel position.
   */
  private Optional<SpanBatch> unchecked = Optional.empty();

  public SpanBatchStage(
      ProtocolParameters params, NextBatchProvider prev, L2Source l2, ChannelFlusher flusher) {
    this.params = Objects.requireNonNull(params, "params");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.l2 = Objects.requireNonNull(l2, "l2");
    this.flusher = Objects.requireNonNull(flusher, "flusher");
  }

  @Override
  public StageResult<SingularBatch> nextBatch(
      L2BlockRef parent, List<L1BlockRef> l1Blocks, L1BlockRef inclusionBlock) {
    if (!buffer.isEmpty()) {
      if (buffer.peek().timestamp() == parent.time() + params.config().blockTime()) {
        return StageResult.ready(EpochWindow.withParent(buffer.poll(), parent));
      }
      // The previous block of the span did not become the safe head.
      buffer.clear();
    }
    Batch batch;
    if (unchecked.isPresent()) {
      batch = unchecked.get();
      unchecked = Optional.empty();
    } else {
      switch (prev.nextBatch()) {
        case StageResult.Ready<Batch>(var b) -> batch = b;
        case StageResult.NotEnoughData<Batch> n -> {
          return StageResult.notEnoughData();
        }
        case StageResult.Eof<Batch> e -> {
          return StageResult.eof();
        }
      }
    }
    if (batch instanceof SingularBatch singular) {
      return StageResult.ready(singular);
    }
    SpanBatch span = (SpanBatch) batch;
    BatchValidity validity =
        BatchChecks.checkSpanBatchPrefix(params, l1Blocks, parent, span, inclusionBlock, l2)
            .validity();
    switch (validity) {
      case BatchValidity.Accept a -> {}
      case BatchValidity.Past p -> {
        return StageResult.notEnoughData();
      }
      case BatchValidity.Drop d -> {
        flusher.flushChannel();
        return StageResult.notEnoughData();
      }
      case BatchValidity.Undecided u -> {
        if (u.reason() == BatchValidity.UndecidedReason.L2_BLOCK_UNAVAILABLE) {
          // op-node: "unable to validate the batch for now, retry later" — the same batch.
          unchecked = Optional.of(span);
          throw new DerivationException.Temporary(
              "cannot read the L2 chain to check the span batch at " + span.timestamp());
        }
        return StageResult.notEnoughData();
      }
      case BatchValidity.Future f ->
          throw new DerivationException.Critical("a future span batch under Holocene rules");
    }
    Optional<List<SingularBatch>> blocks = BatchChecks.toSingularBatches(span, l1Blocks, parent);
    if (blocks.isEmpty()) {
      // holocene/derivation.md: a span whose blocks have outdated or unknown L1 origins is
      // invalid, "and not generate a critical derivation error that stalls derivation" (op-node
      // stops here with a critical error; kona and the spec drop the span and its channel).
      flusher.flushChannel();
      return StageResult.notEnoughData();
    }
    buffer.addAll(blocks.get());
    return StageResult.ready(EpochWindow.withParent(buffer.poll(), parent));
  }

  /** Blocks of the current span batch not handed out yet. */
  public int pendingSpanBlocks() {
    return buffer.size();
  }

  @Override
  public void signal(Signal signal) {
    // Every signal ends the current span: a reset, the fork switch, and a flush of its channel.
    buffer.clear();
    unchecked = Optional.empty();
  }
}
