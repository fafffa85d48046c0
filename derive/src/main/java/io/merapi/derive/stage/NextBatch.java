package io.merapi.derive.stage;

import io.merapi.derive.batch.SingularBatch;
import java.util.Objects;

/**
 * A batch for the next L2 block, and whether it concludes what the safe head may advance to: the
 * last block of a span batch before Holocene (the whole span is validated together), every block
 * from Holocene (op-node's {@code concluding}).
 */
public record NextBatch(SingularBatch batch, boolean concluding) {
  public NextBatch {
    Objects.requireNonNull(batch, "batch");
  }
}
