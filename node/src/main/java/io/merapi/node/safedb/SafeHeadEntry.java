package io.merapi.node.safedb;

import io.merapi.types.config.RollupConfig.BlockId;
import java.util.Objects;

/**
 * One record of the safe-head database: at L1 block {@code l1Block} the safe L2 head became {@code
 * safeHead} (op-node's {@code SafeHeadResponse}).
 */
public record SafeHeadEntry(BlockId l1Block, BlockId safeHead) {
  public SafeHeadEntry {
    Objects.requireNonNull(l1Block, "l1Block");
    Objects.requireNonNull(safeHead, "safeHead");
  }
}
