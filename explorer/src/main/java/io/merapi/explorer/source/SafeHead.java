package io.merapi.explorer.source;

import io.merapi.types.config.RollupConfig.BlockId;
import java.util.Objects;

/**
 * The answer to {@code optimism_safeHeadAtL1Block} (op-node's {@code eth.SafeHeadResponse}): the
 * safe L2 head the node had derived once it had read {@code l1Block}.
 */
public record SafeHead(BlockId l1Block, BlockId safeHead) {
  public SafeHead {
    Objects.requireNonNull(l1Block, "l1Block");
    Objects.requireNonNull(safeHead, "safeHead");
  }
}
