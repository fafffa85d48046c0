package io.merapi.derive;

import io.merapi.base.bytes.Hash;
import io.merapi.types.config.RollupConfig.BlockId;

/**
 * An L2 block as derivation refers to it (op-service {@code eth.L2BlockRef}): its hash, number,
 * parent hash and timestamp, its L1 origin (the epoch) and its sequence number within the epoch.
 */
public record L2BlockRef(
    Hash hash, long number, Hash parentHash, long time, BlockId l1Origin, long sequenceNumber) {
  public BlockId id() {
    return new BlockId(hash, number);
  }
}
