package io.merapi.derive;

import io.merapi.base.bytes.Hash;
import io.merapi.types.config.RollupConfig.BlockId;

/**
 * An L1 block as derivation refers to it (op-service {@code eth.L1BlockRef}): its hash, number,
 * parent hash and timestamp.
 */
public record L1BlockRef(Hash hash, long number, Hash parentHash, long time) {
  public BlockId id() {
    return new BlockId(hash, number);
  }

  /** Whether {@code child} follows this block directly. */
  public boolean isParentOf(L1BlockRef child) {
    return child.number == number + 1 && child.parentHash.equals(hash);
  }
}
