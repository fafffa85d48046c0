package io.merapi.contracts.testing;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Halt;
import io.merapi.state.sandbox.Sandbox;
import io.merapi.types.config.Fork;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositTransaction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chain for contract tests, run by Merapi's own EVM and transaction processing on an in-memory
 * state (the state module's {@link Sandbox}): transactions go through the transaction processor
 * (intrinsic gas, EIP-2929 warming, refunds) and, on an L2 chain, deposits through the deposit
 * processor, so gas figures are those of real transactions. Senders are impersonated, the base fee
 * and gas price are zero so that balances change only by the values sent, and the block advances
 * only when a test says so ({@link #mine}, {@link #warp}), as in Foundry.
 */
public final class TestChain {
  public static final UInt256 ETHER = UInt256.valueOf(1_000_000_000_000_000_000L);

  /** The default gas limit of transactions and calls. */
  public static final long GAS = 15_000_000;

  private final Sandbox sandbox;
  private final long blockTime;

  private TestChain(EvmConfig config, long blockTime) {
    this.sandbox = new Sandbox(config, 1, 1_700_000_000);
    this.sandbox.setCoinbase(Address.fromHex("0x00000000000000000000000000000000000c0ffe"));
    this.blockTime = blockTime;
  }

  /** An L1 on Cancun rules (chain id 900, as the devnet's L1), 12-second blocks. */
  public static TestChain l1() {
    return new TestChain(EvmConfig.l1(Fork.CANCUN, 900), 12);
  }

  /** An L2 (chain id 901, as the devnet's L2) that also runs deposits, 2-second blocks. */
  public static TestChain l2() {
    return new TestChain(EvmConfig.l1(Fork.CANCUN, 901), 2);
  }

  /** The outcome of a transaction, a deposit or a call. */
  public record Outcome(
      Halt halt, long gasUsed, List<Log> logs, Bytes output, Optional<Address> created) {
    static Outcome of(Sandbox.Outcome o) {
      return new Outcome(o.halt(), o.gasUsed(), o.logs(), o.output(), o.created());
    }

    public boolean isSuccess() {
      return halt.isSuccess();
    }

    /** Fails unless the transaction succeeded, showing the revert reason or data if not. */
    public Outcome requireSuccess() {
      if (!isSuccess()) {
        throw new Reverted(this);
      }
      return this;
    }

    /** The revert data (empty after an exceptional halt). */
    public byte[] revertData() {
      return isSuccess() ? new byte[0] : output.toArray();
    }
  }

  /** A call or transaction that did not succeed. */
  public static final class Reverted extends RuntimeException {
    private final transient Outcome outcome;

    Reverted(Outcome outcome) {
      super(describe(outcome));
      this.outcome = outcome;
    }

    public Outcome outcome() {
      return outcome;
    }

    private static String describe(Outcome o) {
      String reason =
          AbiError.reason(o.output().array())
              .map(r -> "reason \"" + r + "\"")
              .orElse("data " + o.output().toHex());
      return o.halt() + " with " + reason;
    }
  }

  // ---- accounts -------------------------------------------------------------------------------

  /** A fresh account address from a label (keccak of the label, as Foundry's makeAddr). */
  public static Address address(String label) {
    return Address.copyOf(Keccak256.hash(label.getBytes(StandardCharsets.UTF_8)), 12);
  }

  public void setBalance(Address account, UInt256 balance) {
    sandbox.edit(account, a -> new GenesisAccount(balance, a.nonce(), a.code(), a.storage()));
  }

  public void setCode(Address account, byte[] code) {
    sandbox.edit(
        account, a -> new GenesisAccount(a.balance(), a.nonce(), Bytes.of(code), a.storage()));
  }

  public void setStorage(Address account, UInt256 slot, UInt256 value) {
    sandbox.edit(
        account,
        a -> {
          Map<Hash, Hash> storage = new HashMap<>(a.storage());
          storage.put(slot.toHash(), value.toHash());
          return new GenesisAccount(a.balance(), a.nonce(), a.code(), storage);
        });
  }

  public void setStorage(Address account, UInt256 slot, Hash value) {
    setStorage(account, slot, UInt256.fromHash(value));
  }

  public UInt256 balance(Address account) {
    return sandbox.balance(account);
  }

  public long nonce(Address account) {
    return sandbox.nonce(account);
  }

  public byte[] code(Address account) {
    return sandbox.code(account).toArray();
  }

  public UInt256 storage(Address account, UInt256 slot) {
    return sandbox.storage(account, slot);
  }

  public Hash storageWord(Address account, UInt256 slot) {
    return sandbox.storage(account, slot).toHash();
  }

  /** Every non-zero storage slot of an account. */
  public Map<UInt256, UInt256> storage(Address account) {
    return sandbox.storage(account);
  }

  // ---- blocks ---------------------------------------------------------------------------------

  public long number() {
    return sandbox.number();
  }

  public long timestamp() {
    return sandbox.timestamp();
  }

  public long chainId() {
    return sandbox.config().chainId();
  }

  /** Starts the next block, one block time later. */
  public void mine() {
    mine(1);
  }

  /** Starts the block {@code blocks} blocks later, as many block times later. */
  public void mine(long blocks) {
    sandbox.advance(blocks, blocks * blockTime);
  }

  /** Moves time forward by {@code seconds} in a new block. */
  public void warp(long seconds) {
    sandbox.advance(1, seconds);
  }

  /** The stand-in hash of an earlier block of this chain (BLOCKHASH answers it). */
  public Hash blockHash(long blockNumber) {
    return Sandbox.standInHash(blockNumber);
  }

  public void setCoinbase(Address coinbase) {
    sandbox.setCoinbase(coinbase);
  }

  // ---- transactions ---------------------------------------------------------------------------

  /** Sends a transaction from {@code from} and keeps its effects. */
  public Outcome send(Address from, Optional<Address> to, UInt256 value, Bytes data, long gas) {
    return Outcome.of(sandbox.execute(from, to, value, data, gas, true));
  }

  /** Sends a contract call (with no value) and keeps its effects. */
  public Outcome send(Address from, Address to, ContractCall<?> call) {
    return send(from, Optional.of(to), UInt256.ZERO, call.data(), GAS);
  }

  /** Sends a contract call with {@code value} wei and keeps its effects. */
  public Outcome send(Address from, Address to, ContractCall<?> call, UInt256 value) {
    return send(from, Optional.of(to), value, call.data(), GAS);
  }

  /** Sends ETH (with empty calldata: the receive function runs). */
  public Outcome transfer(Address from, Address to, UInt256 value) {
    return send(from, Optional.of(to), value, Bytes.EMPTY, GAS);
  }

  /** Deploys a contract from {@code from} and returns its address; fails if the creation fails. */
  public Address deploy(Address from, byte[] deployment) {
    Outcome o = send(from, Optional.empty(), UInt256.ZERO, Bytes.wrap(deployment), GAS);
    return o.requireSuccess().created().orElseThrow();
  }

  /** Runs a call on the current state without keeping its effects (eth_call). */
  public Outcome simulate(Address from, Address to, UInt256 value, Bytes data) {
    return Outcome.of(sandbox.execute(from, Optional.of(to), value, data, GAS, false));
  }

  /** Calls a function without keeping effects and decodes its result; throws if it reverts. */
  public <R> R call(Address to, ContractCall<R> call) {
    Outcome o = simulate(Address.ZERO, to, UInt256.ZERO, call.data()).requireSuccess();
    return call.decode(o.output().array());
  }

  /** Runs a deposit transaction as an L2 block does (Regolith and later rules). */
  public Outcome deposit(DepositTransaction tx) {
    return Outcome.of(sandbox.deposit(tx));
  }

  // ---- commitments ----------------------------------------------------------------------------

  /** The state root of the current state. */
  public Hash stateRoot() {
    return sandbox.stateRoot();
  }

  /** The root of an account's storage trie. */
  public Hash storageRoot(Address account) {
    return sandbox.storageRoot(account);
  }

  /**
   * The Merkle proof of one storage slot of {@code account}, as {@code eth_getProof} gives it in
   * {@code storageProof[].proof}: the RLP of the nodes on the path from the storage root.
   */
  public List<Bytes> storageProof(Address account, Hash slot) {
    return sandbox.storageProof(account, slot);
  }
}
