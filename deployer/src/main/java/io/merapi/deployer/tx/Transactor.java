package io.merapi.deployer.tx;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;

/**
 * Where a deployment's transactions go: a live L1 over JSON-RPC ({@link RpcTransactor}), or an
 * in-memory state that becomes a genesis allocation ({@link SandboxTransactor}). The same
 * deployment code runs on both, so a devnet whose L1 starts with the contracts in its genesis has
 * exactly what {@code merapi deploy} puts on a running chain.
 *
 * <p>Each method returns once the transaction is included; one that reverts is a {@link
 * DeploymentException} naming {@code what} was being done.
 */
public interface Transactor {
  /** The account that sends every transaction. */
  Address from();

  /** Deploys a contract (creation code with constructor arguments) and returns its address. */
  Address deploy(String what, byte[] deployment);

  /** Sends a contract call with {@code value} wei. */
  void send(String what, Address to, ContractCall<?> call, UInt256 value);

  /** Sends a contract call. */
  default void send(String what, Address to, ContractCall<?> call) {
    send(what, to, call, UInt256.ZERO);
  }

  /** Reads through a call that changes nothing (eth_call). */
  <R> R call(Address to, ContractCall<R> call);
}
