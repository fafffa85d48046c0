package io.merapi.node.safedb;

import io.merapi.derive.L2BlockRef;
import io.merapi.types.config.RollupConfig.BlockId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the safe L2 head stood at each L1 block (op-node's {@code SafeDB}). The engine controller
 * records every move of the safe head with the L1 block it was derived from, and rewinds the
 * records when derivation resets to an older safe head. Implementations are thread-safe.
 */
public sealed interface SafeDb extends AutoCloseable permits DiskSafeDb, DisabledSafeDb {
  /** The database in {@code directory} (created if missing), as {@code --safedb.path} asks. */
  static SafeDb open(Path directory) {
    return DiskSafeDb.open(directory);
  }

  /** The node without {@code --safedb.path}: records nothing, and queries fail. */
  static SafeDb disabled() {
    return DisabledSafeDb.INSTANCE;
  }

  boolean enabled();

  /**
   * Records that the safe head became {@code safeHead} once derivation had read up to {@code
   * l1Block}; a later record for the same L1 block replaces the earlier one.
   */
  void safeHeadUpdated(L2BlockRef safeHead, BlockId l1Block);

  /**
   * The record with the greatest L1 block number not above {@code l1Number}, or empty if every
   * record is above it (op-node's {@code SafeHeadAtL1}).
   *
   * @throws SafeDbDisabledException if the database is disabled
   */
  Optional<SafeHeadEntry> safeHeadAtL1Block(long l1Number);

  /**
   * Derivation was reset to {@code resetSafeHead}: records that put the safe head at or above it
   * are no longer known to hold, and are dropped (op-node's {@code SafeHeadReset}).
   */
  void safeHeadReset(L2BlockRef resetSafeHead);

  @Override
  void close();
}
