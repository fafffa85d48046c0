package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.state.store.StateUpdate;
import io.merapi.types.block.Block;
import io.merapi.types.receipt.Receipt;
import java.util.List;

/**
 * A block a {@link BlockBuilder} finished: complete header (roots included), its receipts, and the
 * state update its execution produced, so it can be stored without executing it again.
 */
public record SealedBlock(Block block, Hash hash, List<Receipt> receipts, StateUpdate state) {
  public SealedBlock {
    receipts = List.copyOf(receipts);
  }
}
