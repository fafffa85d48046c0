package io.merapi.execution.dev;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.engine.StateEdits;
import io.merapi.state.JournaledState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Balances set with {@code anvil_setBalance} / {@code hardhat_setBalance}, waiting for the next
 * block: its build sets them before the first transaction (a dev chain's blocks are the only place
 * its state changes, so the header's state root stays the root of the state). Once the head's state
 * shows a balance, it is no longer waiting.
 */
final class DevBalances implements StateEdits {
  private final Map<Address, UInt256> waiting = new LinkedHashMap<>();

  synchronized void set(Address address, UInt256 balance) {
    waiting.put(address, balance);
  }

  synchronized boolean isEmpty() {
    return waiting.isEmpty();
  }

  @Override
  public void apply(ChainHead parent, JournaledState state) {
    Map<Address, UInt256> edits;
    synchronized (this) {
      if (waiting.isEmpty()) {
        return;
      }
      edits = Map.copyOf(waiting);
    }
    edits.forEach(
        (address, balance) -> {
          UInt256 current = state.balance(address);
          if (balance.compareTo(current) > 0) {
            state.addBalance(address, balance.subtract(current));
          } else if (balance.compareTo(current) < 0) {
            state.subtractBalance(address, current.subtract(balance));
          }
        });
    // As after a transaction: an account left empty goes (EIP-161), the rest is committed.
    state.finishTransaction(true);
  }

  /** The balances waiting now: what a block built from now on sets. */
  synchronized Map<Address, UInt256> waiting() {
    return Map.copyOf(waiting);
  }

  /** Forgets {@code set}, set by the new head, unless one was set again with another value. */
  synchronized void setBy(Map<Address, UInt256> set) {
    set.forEach(waiting::remove);
  }

  /** Forgets every waiting balance ({@code evm_revert} to a snapshot taken before them). */
  synchronized void clear() {
    waiting.clear();
  }
}
