package io.merapi.deployer.tx;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.state.sandbox.Sandbox;
import java.util.Optional;

/**
 * Runs a deployment in a {@link Sandbox}: each transaction is executed at once by Merapi's
 * transaction processing, from {@code from} without a signature, so that the resulting accounts can
 * be written into a genesis allocation.
 */
public final class SandboxTransactor implements Transactor {
  private static final long GAS = 29_000_000;

  private final Sandbox sandbox;
  private final Address from;

  public SandboxTransactor(Sandbox sandbox, Address from) {
    this.sandbox = sandbox;
    this.from = from;
  }

  @Override
  public Address from() {
    return from;
  }

  @Override
  public Address deploy(String what, byte[] deployment) {
    Sandbox.Outcome o =
        sandbox.execute(from, Optional.empty(), UInt256.ZERO, Bytes.wrap(deployment), GAS, true);
    require(what, o);
    return o.created().orElseThrow();
  }

  @Override
  public void send(String what, Address to, ContractCall<?> call, UInt256 value) {
    require(what, sandbox.execute(from, Optional.of(to), value, call.data(), GAS, true));
  }

  @Override
  public <R> R call(Address to, ContractCall<R> call) {
    Sandbox.Outcome o =
        sandbox.execute(Address.ZERO, Optional.of(to), UInt256.ZERO, call.data(), GAS, false);
    require("call " + call.function().signature(), o);
    return call.decode(o.output().array());
  }

  private static void require(String what, Sandbox.Outcome o) {
    if (!o.isSuccess()) {
      String reason =
          AbiError.reason(o.output().array()).orElse("revert data " + o.output().toHex());
      throw new DeploymentException(what + " failed: " + o.halt() + ", " + reason);
    }
  }
}
