package io.merapi.node.safedb;

import io.merapi.derive.L2BlockRef;
import io.merapi.types.config.RollupConfig.BlockId;
import java.util.Optional;

/** No {@code --safedb.path}: updates are ignored and queries answer op-node's "not enabled". */
final class DisabledSafeDb implements SafeDb {
  static final DisabledSafeDb INSTANCE = new DisabledSafeDb();

  private DisabledSafeDb() {}

  @Override
  public boolean enabled() {
    return false;
  }

  @Override
  public void safeHeadUpdated(L2BlockRef safeHead, BlockId l1Block) {}

  @Override
  public Optional<SafeHeadEntry> safeHeadAtL1Block(long l1Number) {
    throw new SafeDbDisabledException();
  }

  @Override
  public void safeHeadReset(L2BlockRef resetSafeHead) {}

  @Override
  public void close() {}
}
