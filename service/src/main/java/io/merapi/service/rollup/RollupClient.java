package io.merapi.service.rollup;

import io.merapi.types.config.RollupConfig;

/**
 * The rollup node as the batcher and the proposer ask it. Calls retry temporary failures
 * (connection refused, timeouts, HTTP 5xx) for a while; what remains is thrown as {@link
 * RollupClientException}.
 */
public interface RollupClient extends AutoCloseable {
  /** {@code optimism_syncStatus}. */
  SyncStatus syncStatus();

  /** {@code optimism_outputAtBlock}: the output root at L2 block {@code blockNumber}. */
  OutputResponse outputAtBlock(long blockNumber);

  /** {@code optimism_rollupConfig}. */
  RollupConfig rollupConfig();

  @Override
  void close();
}
