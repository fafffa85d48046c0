package io.merapi.derive.source;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L2BlockRef;
import io.merapi.types.config.RollupConfig;
import java.util.List;
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

  /**
   * The transactions (EIP-2718 encodings, deposits included) of the canonical L2 block at {@code
   * number}, or empty if there is none (op-node's {@code PayloadByNumber}). Before Holocene a span
   * batch that overlaps the safe chain is checked against them (delta/span-batches.md "Overlapped
   * blocks checks").
   *
   * <p>Added after the first version of this interface; sources that do not implement it fail
   * loudly when an overlapping span batch needs it.
   */
  default Optional<List<Bytes>> transactionsByNumber(long number) {
    throw new DerivationException.Critical(
        getClass().getName()
            + " does not serve L2 block transactions, which overlapping span batches need");
  }
}
