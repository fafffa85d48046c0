package io.merapi.derive.pipeline;

import io.merapi.derive.L2BlockRef;
import java.util.Objects;

/** The engine's forkchoice: unsafe (latest), safe and finalized L2 blocks. */
public record L2Heads(L2BlockRef unsafe, L2BlockRef safe, L2BlockRef finalized) {
  public L2Heads {
    Objects.requireNonNull(unsafe, "unsafe");
    Objects.requireNonNull(safe, "safe");
    Objects.requireNonNull(finalized, "finalized");
  }
}
