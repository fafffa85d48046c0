package io.merapi.derive.source;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L2BlockRef;
import io.merapi.types.config.RollupConfig;
import java.util.Optional;

/**
 * The L2 chain the pipeline derives onto (op-node's {@code L2Source}): block references and the
 * system config in force at a block (read back from its L1 info deposit and the rollup config).
 */
public interface L2Source {
  /** The canonical L2 block at {@code number}, or empty if there is none. */
  Optional<L2BlockRef> l2BlockRefByNumber(long number);

  /** The L2 block with {@code hash}. */
  L2BlockRef l2BlockRefByHash(Hash hash);

  /** The system config that applied to the L2 block with {@code hash}. */
  RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash);
}
