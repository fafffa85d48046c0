package io.merapi.state.sandbox;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.BlockContext;
import io.merapi.evm.Evm;
import io.merapi.evm.EvmConfig;
import io.merapi.evm.Halt;
import io.merapi.evm.Tracer;
import io.merapi.state.AccountChange;
import io.merapi.state.FeeRules;
import io.merapi.state.InMemoryState;
import io.merapi.state.JournaledState;
import io.merapi.state.TransactionProcessor;
import io.merapi.state.TransactionResult;
import io.merapi.state.op.DepositProcessor;
import io.merapi.state.op.DepositResult;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An in-memory chain state that runs transactions through Merapi's own transaction processing, with
 * senders given rather than recovered from signatures, gas price zero, and a block context the
 * caller moves. It builds genesis states by executing real deployment code (constructors,
 * initializers, immutables), as the OP Stack's genesis scripts do, and runs contracts in tests.
 * Pure: no clock, no I/O.
 */
public final class Sandbox {
  private static final long BLOCK_GAS_LIMIT = 30_000_000;

  private final InMemoryState state = new InMemoryState();
  private final EvmConfig config;
  private final Map<Long, Hash> blockHashes = new HashMap<>();
  private long number;
  private long timestamp;
  private Address coinbase = Address.ZERO;

  public Sandbox(EvmConfig config, long number, long timestamp) {
    this.config = config;
    this.number = number;
    this.timestamp = timestamp;
  }

  /** What a transaction, deposit or call did. */
  public record Outcome(
      Halt halt, long gasUsed, List<Log> logs, Bytes output, Optional<Address> created) {
    public boolean isSuccess() {
      return halt.isSuccess();
    }
  }

  public EvmConfig config() {
    return config;
  }

  // ---- accounts -------------------------------------------------------------------------------

  /** Sets an account outright (balance, nonce, code, storage), replacing what was there. */
  public void put(Address address, GenesisAccount account) {
    Map<UInt256, UInt256> storage = new HashMap<>();
    account.storage().forEach((k, v) -> storage.put(UInt256.fromHash(k), UInt256.fromHash(v)));
    state.put(address, account.nonce(), account.balance(), account.code().toArray(), storage);
  }

  /** The account as a genesis allocation would list it; empty if it does not exist. */
  public Optional<GenesisAccount> account(Address address) {
    return state
        .entry(address)
        .map(
            e -> {
              Map<Hash, Hash> storage = new LinkedHashMap<>();
              e.storage().entrySet().stream()
                  .sorted(Map.Entry.comparingByKey())
                  .forEach(s -> storage.put(s.getKey().toHash(), s.getValue().toHash()));
              return new GenesisAccount(
                  e.balance(), e.nonce(), Bytes.wrap(state.code(e.codeHash())), storage);
            });
  }

  /** Every account, in address order, as a genesis allocation lists them. */
  public Map<Address, GenesisAccount> accounts() {
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>();
    state.accounts().keySet().stream()
        .sorted()
        .forEach(a -> alloc.put(a, account(a).orElseThrow()));
    return alloc;
  }

  public UInt256 balance(Address address) {
    return state.entry(address).map(InMemoryState.Entry::balance).orElse(UInt256.ZERO);
  }

  public long nonce(Address address) {
    return state.entry(address).map(InMemoryState.Entry::nonce).orElse(0L);
  }

  public Bytes code(Address address) {
    return state.entry(address).map(e -> Bytes.of(state.code(e.codeHash()))).orElse(Bytes.EMPTY);
  }

  public UInt256 storage(Address address, UInt256 slot) {
    return state.storage(address, slot);
  }

  /** Every non-zero storage slot of an account. */
  public Map<UInt256, UInt256> storage(Address address) {
    return state.entry(address).map(InMemoryState.Entry::storage).orElse(Map.of());
  }

  /** Changes one account with {@code edit}, starting from its current values. */
  public void edit(Address address, UnaryOperator<GenesisAccount> edit) {
    GenesisAccount current =
        account(address).orElse(new GenesisAccount(UInt256.ZERO, 0, Bytes.EMPTY, Map.of()));
    put(address, edit.apply(current));
  }

  // ---- block context --------------------------------------------------------------------------

  public long number() {
    return number;
  }

  public long timestamp() {
    return timestamp;
  }

  /** Moves to a later block (its number and time); earlier blocks get stand-in hashes. */
  public void advance(long blocks, long seconds) {
    for (long i = 0; i < blocks; i++) {
      blockHashes.put(number, standInHash(number));
      number++;
    }
    timestamp += seconds;
  }

  /** The stand-in hash BLOCKHASH answers for an earlier block of the sandbox. */
  public static Hash standInHash(long blockNumber) {
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

  // ---- execution ------------------------------------------------------------------------------

  /**
   * Runs a transaction from {@code from} (to a contract, or a creation when {@code to} is empty)
   * and keeps its effects if {@code commit}. The sender's nonce is used as the transaction's.
   *
   * @throws IllegalStateException if the transaction is invalid (not enough funds, ...)
   */
  public Outcome execute(
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
              "invalid transaction from "
                  + from
                  + ": "
                  + invalid.reason()
                  + " "
                  + invalid.message());
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

  /**
   * Runs {@code creationCode} from {@code from} and puts the contract it creates — code, storage
   * (immutables and constructor-set values included) and nonce — at {@code target} instead, as
   * genesis tools place predeploys and preinstalls at fixed addresses. The account the creation
   * made is removed.
   *
   * @throws IllegalStateException if the creation fails
   */
  public void deployAt(Address target, Address from, Bytes creationCode) {
    Outcome o = execute(from, Optional.empty(), UInt256.ZERO, creationCode, 29_000_000, true);
    if (!o.isSuccess()) {
      throw new IllegalStateException("creating the code for " + target + " failed: " + o.halt());
    }
    Address created = o.created().orElseThrow();
    GenesisAccount account = account(created).orElseThrow();
    state.apply(List.of(AccountChange.deleted(created)));
    put(target, account);
  }

  /** Removes an account. */
  public void remove(Address address) {
    state.apply(List.of(AccountChange.deleted(address)));
  }

  // ---- commitments ----------------------------------------------------------------------------

  public Hash stateRoot() {
    return state.stateRoot();
  }

  /** The root of an account's storage trie. */
  public Hash storageRoot(Address address) {
    return storageTrie(address).rootHash();
  }

  /**
   * The Merkle proof of one storage slot, as {@code eth_getProof}'s {@code storageProof[].proof}.
   */
  public List<Bytes> storageProof(Address address, Hash slot) {
    return storageTrie(address).prove(Keccak256.hash(slot.array()));
  }

  private MerklePatriciaTrie storageTrie(Address address) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (Map.Entry<UInt256, UInt256> e : storage(address).entrySet()) {
      if (!e.getValue().isZero()) {
        trie.put(
            Keccak256.hash(e.getKey().toBytes()),
            new RlpWriter(40).writeUInt256(e.getValue()).toByteArray());
      }
    }
    return trie;
  }
}
