package io.merapi.explorer.index;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.explorer.Chain;
import java.util.Optional;

/**
 * What the followers index besides blocks and transactions: the bridge's events, each found in the
 * logs of one block and written, and undone on a reorg, with that block (explorer/DESIGN.md §3.1).
 */
public sealed interface BridgeEntry {
  /** The block the entry's log is in. */
  long block();

  /**
   * A deposit: the portal's {@code TransactionDeposited} in an L1 block, with the hash of the L2
   * deposit transaction derivation builds from it.
   */
  record Deposit(
      long block,
      long logIndex,
      Hash l1Transaction,
      Hash l2Transaction,
      Address from,
      Optional<Address> to,
      UInt256 mint,
      UInt256 value)
      implements BridgeEntry {}

  /** A withdrawal initiated: the L2ToL1MessagePasser's {@code MessagePassed} in an L2 block. */
  record Withdrawal(
      long block,
      long logIndex,
      Hash l2Transaction,
      Hash withdrawalHash,
      Address sender,
      Address target,
      UInt256 value)
      implements BridgeEntry {}

  /** A withdrawal proven or finalized on L1: the portal's event in an L1 block. */
  record WithdrawalLeg(
      Kind kind,
      Hash withdrawalHash,
      long block,
      long logIndex,
      Hash l1Transaction,
      boolean success)
      implements BridgeEntry {
    public enum Kind {
      PROVEN,
      FINALIZED
    }
  }

  /**
   * A token of the bridge: on L2 an OptimismMintableERC20 the factory created ({@code token} is it,
   * {@code remote} its L1 token); on L1 a token deposited through the L1StandardBridge ({@code
   * remote} its L2 token).
   */
  record Token(Chain chain, long block, Address token, Address remote) implements BridgeEntry {}
}
