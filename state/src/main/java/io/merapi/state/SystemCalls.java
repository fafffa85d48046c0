package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.CallResult;
import io.merapi.evm.Evm;
import io.merapi.evm.Message;
import io.merapi.evm.TxContext;
import java.util.List;

/**
 * Calls the protocol makes into system contracts at the start and end of a block, outside any
 * transaction: no sender pays, no block gas is used, and the state is finalised after each.
 */
public final class SystemCalls {
  /** The caller of system calls (EIP-4788 {@code SYSTEM_ADDRESS}). */
  public static final Address SYSTEM_ADDRESS =
      Address.fromHex("0xfffffffffffffffffffffffffffffffffffffffe");

  /** EIP-4788 {@code BEACON_ROOTS_ADDRESS}. */
  public static final Address BEACON_ROOTS_ADDRESS =
      Address.fromHex("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");

  /** EIP-2935 {@code HISTORY_STORAGE_ADDRESS}. */
  public static final Address HISTORY_STORAGE_ADDRESS =
      Address.fromHex("0x0000f90827f1c53a10cb7a02335b175320002935");

  /** EIP-7002 {@code WITHDRAWAL_REQUEST_PREDEPLOY_ADDRESS}. */
  public static final Address WITHDRAWAL_REQUEST_ADDRESS =
      Address.fromHex("0x00000961ef480eb55e80d19ad83579a64c007002");

  /** EIP-7251 {@code CONSOLIDATION_REQUEST_PREDEPLOY_ADDRESS}. */
  public static final Address CONSOLIDATION_REQUEST_ADDRESS =
      Address.fromHex("0x0000bbddc7ce488642fb579f8b00f3a590007251");

  /** The gas a system call may use. */
  public static final long SYSTEM_CALL_GAS = 30_000_000;

  private SystemCalls() {}

  /**
   * EIP-4788 (Cancun): stores the parent beacon block root in the beacon roots contract, by calling
   * it from {@link #SYSTEM_ADDRESS} with the root as calldata.
   */
  public static void processBeaconBlockRoot(Evm evm, JournaledState state, Hash parentBeaconRoot) {
    call(evm, state, BEACON_ROOTS_ADDRESS, parentBeaconRoot.toArray());
  }

  /**
   * EIP-2935 (Prague): stores the parent block's hash in the history storage contract, so that
   * contracts can read the last 8191 block hashes from state.
   */
  public static void processHistoryStorage(Evm evm, JournaledState state, Hash parentHash) {
    call(evm, state, HISTORY_STORAGE_ADDRESS, parentHash.toArray());
  }

  /**
   * Calls {@code target} from {@link #SYSTEM_ADDRESS} with {@code input} and the system gas, and
   * finalises the state. Whether a failure or missing code invalidates the block is the caller's
   * rule (EIP-7002 and EIP-7251 say it does; EIP-4788 and EIP-2935 say it does not).
   */
  public static CallResult call(Evm evm, JournaledState state, Address target, byte[] input) {
    state.accessAccount(target);
    CallResult result =
        evm.execute(
            new TxContext(SYSTEM_ADDRESS, UInt256.ZERO, List.of()),
            Message.call(SYSTEM_ADDRESS, target, UInt256.ZERO, input, SYSTEM_CALL_GAS));
    state.finishTransaction(true);
    return result;
  }
}
