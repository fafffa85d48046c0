package io.merapi.execution.engine;

import io.merapi.execution.chain.ChainHead;
import io.merapi.state.JournaledState;

/**
 * Changes a build makes to its parent's state before the block's first transaction, outside the
 * protocol: none on a real chain; on the dev chain the balances set with {@code anvil_setBalance}.
 * A block built with edits is valid only to this node (it imports its own builds without executing
 * them again); a dev chain has no peers to convince.
 */
@FunctionalInterface
public interface StateEdits {
  StateEdits NONE = (parent, state) -> {};

  /** Applies the edits on the state of a block being built on {@code parent}. */
  void apply(ChainHead parent, JournaledState state);
}
