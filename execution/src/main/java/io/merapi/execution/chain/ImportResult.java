package io.merapi.execution.chain;

import io.merapi.types.receipt.Receipt;
import java.util.List;

/** What importing a block did. */
public sealed interface ImportResult {
  ChainHead block();

  /**
   * Validated, executed and stored; {@code head} says whether it became the head, {@code timings}
   * where the time went.
   */
  record Imported(ChainHead block, List<Receipt> receipts, boolean head, ImportTimings timings)
      implements ImportResult {
    public Imported {
      receipts = List.copyOf(receipts);
    }
  }

  /** The block was stored already; nothing was written (except a head change if asked). */
  record AlreadyKnown(ChainHead block) implements ImportResult {}
}
