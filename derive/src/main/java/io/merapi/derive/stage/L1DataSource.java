package io.merapi.derive.stage;

import io.merapi.base.bytes.Address;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.Objects;

/**
 * The L1 data availability source (op-node's {@code DataSourceFactory}): calldata for L1 blocks
 * before Ecotone, calldata and blobs from Ecotone, chosen by the L1 block's timestamp.
 */
public final class L1DataSource implements DataAvailabilitySource {
  private final RollupConfig config;
  private final L1Source l1;
  private final BlobSource blobs;

  public L1DataSource(RollupConfig config, L1Source l1, BlobSource blobs) {
    this.config = Objects.requireNonNull(config, "config");
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
  }

  @Override
  public DataIterator open(L1BlockRef block, Address batcher) {
    if (config.isActive(OpFork.ECOTONE, block.time())) {
      return new BlobDataSource(l1, blobs, block, config.batchInboxAddress(), batcher);
    }
    return new CalldataSource(l1, block, config.batchInboxAddress(), batcher);
  }
}
