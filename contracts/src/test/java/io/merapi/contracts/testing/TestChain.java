package io.merapi.contracts.testing;

import io.merapi.base.abi.AbiError;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.ContractCall;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Halt;
import io.merapi.evm.Tracer;
import io.merapi.state.FeeRules;
import io.merapi.state.InMemoryState;
import io.merapi.state.JournaledState;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.state.op.DepositProcessor;
import io.merapi.state.op.DepositResult;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.types.config.Fork;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chain for contract tests, run by Merapi's own EVM and transaction processing on an in-memory
 * state: transactions go through {@link TransactionProcessor} (intrinsic gas, EIP-2929 warming,
 * refunds) and, on an L2 chain, deposits through {@link DepositProcessor}, so gas figures are those
 * of real transactions. Senders are impersonated (the processor takes the sender as given), the
 * base fee and gas price are zero so that balances change only by the values sent, and the block
 * advances only when a test says so ({@link #mine}, {@link #warp}), as in Foundry.
 */
public final class TestChain {
  public static final UInt256 ETHER = UInt256.valueOf(1_000_000_000_000_000_000L);

  /** The default gas limit of transactions and calls. */
  public static final long GAS = 15_000_000;

  private static final long BLOCK_GAS_LIMIT = 30_000_000;

  private final InMemoryState state = new InMemoryState();
  private final EvmConfig config;
  private final long blockTime;
  private final Map<Long, Hash> blockHashes = new HashMap<>();
  private long number = 1;
  private long timestamp = 1_700_000_000;
  private Address coinbase = Address.fromHex("0x00000000000000000000000000000000000c0ffe");

  private TestChain(EvmConfig config, long blockTime) {
    this.config = config;
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
    edit(account, e -> e.balance = balance);
  }

  public void setCode(Address account, byte[] code) {
    edit(account, e -> e.code = code.clone());
  }

  public void setStorage(Address account, UInt256 slot, UInt256 value) {
    edit(account, e -> e.storage.put(slot, value));
  }

  public void setStorage(Address account, UInt256 slot, Hash value) {
    setStorage(account, slot, UInt256.fromHash(value));
  }

  public UInt256 balance(Address account) {
    return state.entry(account).map(InMemoryState.Entry::balance).orElse(UInt256.ZERO);
  }

  public long nonce(Address account) {
    return state.entry(account).map(InMemoryState.Entry::nonce).orElse(0L);
  }

  public byte[] code(Address account) {
    return state.entry(account).map(e -> state.code(e.codeHash())).orElse(new byte[0]).clone();
  }

  public UInt256 storage(Address account, UInt256 slot) {
    return state.storage(account, slot);
  }

  public Hash storageWord(Address account, UInt256 slot) {
    return state.storage(account, slot).toHash();
  }

  /** Every non-zero storage slot of an account. */
  public Map<UInt256, UInt256> storage(Address account) {
    return state.entry(account).map(InMemoryState.Entry::storage).orElse(Map.of());
  }

  private interface Edit {
    void apply(Mutable e);
  }

  private static final class Mutable {
    long nonce;
    UInt256 balance;
    byte[] code;
    Map<UInt256, UInt256> storage;
  }

  private void edit(Address account, Edit edit) {
    Mutable m = new Mutable();
    Optional<InMemoryState.Entry> e = state.entry(account);
    m.nonce = e.map(InMemoryState.Entry::nonce).orElse(0L);
    m.balance = e.map(InMemoryState.Entry::balance).orElse(UInt256.ZERO);
    m.code = e.map(x -> state.code(x.codeHash())).orElse(new byte[0]);
    m.storage = new HashMap<>(e.map(InMemoryState.Entry::storage).orElse(Map.of()));
    edit.apply(m);
    state.put(account, m.nonce, m.balance, m.code, m.storage);
  }

  // ---- blocks ---------------------------------------------------------------------------------

  public long number() {
    return number;
  }

  public long timestamp() {
    return timestamp;
  }

  public long chainId() {
    return config.chainId();
  }

  /** Starts the next block, one block time later. */
  public void mine() {
    mine(1);
  }

  /** Starts the block {@code blocks} blocks later, as many block times later. */
  public void mine(long blocks) {
    for (long i = 0; i < blocks; i++) {
      blockHashes.put(number, blockHash(number));
      number++;
      timestamp += blockTime;
    }
  }

  /** Moves time forward by {@code seconds} in a new block. */
  public void warp(long seconds) {
    blockHashes.put(number, blockHash(number));
    number++;
    timestamp += seconds;
  }

  /** A stand-in hash for an earlier block of this chain (BLOCKHASH answers it). */
  public Hash blockHash(long blockNumber) {
    return Keccak256.digest(("block " + blockNumber).getBytes(StandardCharsets.UTF_8));
  }

  public void setCoinbase(Address coinbase) {
    this.coinbase = coinbase;
  }

  private BlockContext block() {
    return new BlockContext(
        coinbase,
        number,
        timestamp,
        BLOCK_GAS_LIMIT,
        UInt256.ZERO,
        UInt256.ZERO,
        Hash.ZERO,
        UInt256.ONE,
        n -> blockHashes.getOrDefault(n, Hash.ZERO));
  }

  // ---- transactions ---------------------------------------------------------------------------

  /** Sends a transaction from {@code from} and keeps its effects. */
  public Outcome send(Address from, Optional<Address> to, UInt256 value, Bytes data, long gas) {
    return execute(from, to, value, data, gas, true);
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
    return execute(from, Optional.of(to), value, data, GAS, false);
  }

  /** Calls a function without keeping effects and decodes its result; throws if it reverts. */
  public <R> R call(Address to, ContractCall<R> call) {
    Outcome o = simulate(Address.ZERO, to, UInt256.ZERO, call.data()).requireSuccess();
    return call.decode(o.output().array());
  }

  private Outcome execute(
      Address from, Optional<Address> to, UInt256 value, Bytes data, long gas, boolean commit) {
    Transaction tx =
        new DynamicFeeTransaction(
            config.chainId(),
            nonce(from),
            UInt256.ZERO,
            UInt256.ZERO,
            gas,
            to,
            value,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ONE,
            UInt256.ONE);
    JournaledState journal = new JournaledState(state);
    Evm evm = new Evm(config, journal, block(), Tracer.NONE);
    TransactionResult result =
        new TransactionProcessor(FeeRules.L1).process(evm, journal, tx, from, BLOCK_GAS_LIMIT, 0);
    return switch (result) {
      case TransactionResult.Invalid invalid ->
          throw new IllegalStateException(
              "invalid transaction: " + invalid.reason() + " " + invalid.message());
      case TransactionResult.Executed executed -> {
        if (commit) {
          state.apply(journal.changes());
        }
        yield new Outcome(
            executed.halt(),
            executed.gasUsed(),
            executed.logs(),
            Bytes.wrap(executed.output()),
            executed.contractAddress());
      }
    };
  }

  /** Runs a deposit transaction as an L2 block does (Regolith and later rules). */
  public Outcome deposit(DepositTransaction tx) {
    JournaledState journal = new JournaledState(state);
    Evm evm = new Evm(config, journal, block(), Tracer.NONE);
    DepositResult result = new DepositProcessor(true).process(evm, journal, tx, BLOCK_GAS_LIMIT);
    return switch (result) {
      case DepositResult.BlockGasExceeded exceeded ->
          throw new IllegalStateException(exceeded.message());
      case DepositResult.Included included -> {
        state.apply(journal.changes());
        yield new Outcome(
            included.success() ? Halt.STOP : Halt.REVERT,
            included.gasUsed(),
            included.logs(),
            Bytes.wrap(included.output()),
            included.contractAddress());
      }
    };
  }

  // ---- commitments ----------------------------------------------------------------------------

  /** The state root of the current state. */
  public Hash stateRoot() {
    return state.stateRoot();
  }

  /** The root of an account's storage trie. */
  public Hash storageRoot(Address account) {
    return storageTrie(account).rootHash();
  }

  /**
   * The Merkle proof of one storage slot of {@code account}, as {@code eth_getProof} gives it in
   * {@code storageProof[].proof}: the RLP of the nodes on the path from the storage root.
   */
  public List<Bytes> storageProof(Address account, Hash slot) {
    return storageTrie(account).prove(Keccak256.hash(slot.array()));
  }

  private MerklePatriciaTrie storageTrie(Address account) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (Map.Entry<UInt256, UInt256> e : storage(account).entrySet()) {
      if (!e.getValue().isZero()) {
        trie.put(
            Keccak256.hash(e.getKey().toBytes()),
            new RlpWriter(40).writeUInt256(e.getValue()).toByteArray());
      }
    }
    return trie;
  }
}
