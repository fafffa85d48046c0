package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.Evm;
import io.merapi.evm.Message;
import io.merapi.evm.TxContext;
import java.util.List;

/**
 * Calls the protocol makes into system contracts at the start of a block, outside any transaction:
 * no sender pays, no block gas is used, and the state is finalised after each.
 */
public final class SystemCalls {
  /** The caller of system calls (EIP-4788 {@code SYSTEM_ADDRESS}). */
  public static final Address SYSTEM_ADDRESS =
      Address.fromHex("0xfffffffffffffffffffffffffffffffffffffffe");

  /** EIP-4788 {@code BEACON_ROOTS_ADDRESS}. */
  public static final Address BEACON_ROOTS_ADDRESS =
      Address.fromHex("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");

  /** The gas a system call may use. */
  public static final long SYSTEM_CALL_GAS = 30_000_000;

  private SystemCalls() {}

  /**
   * EIP-4788 (Cancun): stores the parent beacon block root in the beacon roots contract, by calling
   * it from {@link #SYSTEM_ADDRESS} with the root as calldata.
   */
  public static void processBeaconBlockRoot(Evm evm, JournaledState state, Hash parentBeaconRoot) {
    state.accessAccount(BEACON_ROOTS_ADDRESS);
    evm.execute(
        new TxContext(SYSTEM_ADDRESS, UInt256.ZERO, List.of()),
        Message.call(
            SYSTEM_ADDRESS,
            BEACON_ROOTS_ADDRESS,
            UInt256.ZERO,
            parentBeaconRoot.toArray(),
            SYSTEM_CALL_GAS));
    state.finishTransaction(true);
  }
}
