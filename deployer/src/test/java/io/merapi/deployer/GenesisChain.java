package io.merapi.deployer;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.evm.EvmConfig;
import io.merapi.state.sandbox.Sandbox;
import io.merapi.types.config.Genesis;
import io.merapi.types.transaction.DepositTransaction;
import java.util.Optional;

/**
 * A chain that starts from a genesis file's state, for driving the deployed contracts in tests: its
 * first block comes one block time after the genesis, and time moves only when a test says.
 */
final class GenesisChain {
  private static final long GAS = 15_000_000;

  final Sandbox sandbox;
  private final long blockTime;

  GenesisChain(Genesis genesis, long blockTime) {
    long chainId = genesis.config().chainId();
    this.sandbox =
        new Sandbox(
            EvmConfig.l1(genesis.config().forkAt(1, genesis.timestamp() + blockTime), chainId),
            genesis.number() + 1,
            genesis.timestamp() + blockTime);
    genesis.alloc().forEach(sandbox::put);
    this.blockTime = blockTime;
  }

  /** Reads a view; fails the test with the revert reason if it reverts. */
  <R> R call(Address to, ContractCall<R> call) {
    Sandbox.Outcome o =
        sandbox.execute(Address.ZERO, Optional.of(to), UInt256.ZERO, call.data(), GAS, false);
    return call.decode(require(call.function().signature(), o).output().array());
  }

  Sandbox.Outcome send(Address from, Address to, ContractCall<?> call, UInt256 value) {
    return require(
        call.function().signature(),
        sandbox.execute(from, Optional.of(to), value, call.data(), GAS, true));
  }

  Sandbox.Outcome send(Address from, Address to, ContractCall<?> call) {
    return send(from, to, call, UInt256.ZERO);
  }

  /** Sends without requiring success. */
  Sandbox.Outcome trySend(Address from, Address to, ContractCall<?> call) {
    return sandbox.execute(from, Optional.of(to), UInt256.ZERO, call.data(), GAS, true);
  }

  Sandbox.Outcome deposit(DepositTransaction tx) {
    return require("deposit " + tx.hash(), sandbox.deposit(tx));
  }

  /** The next block, one block time later. */
  void mine() {
    sandbox.advance(1, blockTime);
  }

  /** A block {@code seconds} later. */
  void warp(long seconds) {
    sandbox.advance(1, seconds);
  }

  UInt256 balance(Address account) {
    return sandbox.balance(account);
  }

  Bytes code(Address account) {
    return sandbox.code(account);
  }

  private static Sandbox.Outcome require(String what, Sandbox.Outcome o) {
    if (!o.isSuccess()) {
      throw new AssertionError(
          what
              + " failed: "
              + o.halt()
              + " "
              + AbiError.reason(o.output().array()).orElse(o.output().toHex()));
    }
    return o;
  }
}
