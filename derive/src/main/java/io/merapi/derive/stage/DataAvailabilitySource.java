package io.merapi.derive.stage;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L1BlockRef;

/**
 * Where L1 retrieval gets an L1 block's batcher data (op-node's {@code DataAvailabilitySource}):
 * calldata before Ecotone, calldata and blobs from Ecotone.
 */
@FunctionalInterface
public interface DataAvailabilitySource {

  /** The batcher data of one L1 block, piece by piece in block order. */
  @FunctionalInterface
  interface DataIterator {
    /**
     * The next batcher transaction's data (a version byte and frames), or {@link StageResult.Eof}
     * when the block has no more. A source that cannot be read right now throws {@link
     * io.merapi.derive.DerivationException.Temporary} and can be asked again.
     */
    StageResult<Bytes> next();
  }

  /** The data that {@code batcher} posted in {@code block}; nothing is fetched until asked. */
  DataIterator open(L1BlockRef block, Address batcher);
}
