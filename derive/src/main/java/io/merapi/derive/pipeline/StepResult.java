package io.merapi.derive.pipeline;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.stage.AttributesWithParent;
import java.util.Objects;

/**
 * What one {@link DerivationPipeline#step} did. Failures are thrown as {@link
 * io.merapi.derive.DerivationException}s: temporary (step again later), reset (call {@link
 * DerivationPipeline#reset()}, possibly after finding new heads with {@link SyncStart}), critical
 * (stop).
 */
public sealed interface StepResult {

  /** Attributes for the block after the pending safe head: build it, then step again. */
  record Attributes(AttributesWithParent attributes) implements StepResult {
    public Attributes {
      Objects.requireNonNull(attributes, "attributes");
    }
  }

  /** The pipeline moved to the next L1 block: step again. */
  record AdvancedOrigin(L1BlockRef origin) implements StepResult {
    public AdvancedOrigin {
      Objects.requireNonNull(origin, "origin");
    }
  }

  /** A stage made progress (or the pipeline finished a reset) without output: step again. */
  record Progress() implements StepResult {}

  /** Everything up to the L1 head is derived: step again once the L1 has a new block. */
  record Idle(L1BlockRef origin) implements StepResult {
    public Idle {
      Objects.requireNonNull(origin, "origin");
    }
  }
}
