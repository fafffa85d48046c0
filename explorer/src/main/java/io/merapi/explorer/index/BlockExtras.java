package io.merapi.explorer.index;

import io.merapi.types.json.RpcBlock;
import java.util.List;

/**
 * What a follower indexes with a block besides its transactions: the bridge entries in its logs
 * ({@code bridge.BridgeLogs}). It may call the chain; a failure fails the round, which the follower
 * retries with backoff, so no block is indexed without its entries.
 */
@FunctionalInterface
public interface BlockExtras {
  BlockExtras NONE = block -> List.of();

  List<BridgeEntry> of(RpcBlock block);
}
