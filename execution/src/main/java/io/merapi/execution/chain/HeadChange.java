package io.merapi.execution.chain;

import java.util.List;

/**
 * The head moved from {@code previous} to {@code current}: {@code removed} lists the blocks that
 * left the canonical chain (newest first), {@code added} those that joined it (oldest first, ending
 * with {@code current}). A plain extension has one block added and none removed.
 */
public record HeadChange(
    ChainHead previous, ChainHead current, List<ChainHead> removed, List<ChainHead> added) {
  public HeadChange {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }

  public boolean isReorg() {
    return !removed.isEmpty();
  }
}
